// No server imports here: the /admin/settings form validates with these same schemas.
import { z } from "zod";
import { SCOPES, type Scope } from "@/lib/auth/caller";

/** The scopes a user could ever be allowed to grant: every one but `admin`. */
export const USER_SCOPES = SCOPES.filter((scope): scope is Exclude<Scope, "admin"> => scope !== "admin");

const days = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number of days` })
    .int("Whole days only")
    .min(min, `At least ${min} ${min === 1 ? "day" : "days"}`)
    .max(max, `At most ${max} days`);

// `admin` is never the users' to grant: only an administrator gives it, and only to an admin.
const userGrantableScopeSchema = z
  .enum(SCOPES, { error: (issue) => `Unknown scope ${JSON.stringify(issue.input)}` })
  .refine((scope) => scope !== "admin", "The admin scope is granted by administrators only");

const settingsFields = {
  key_default_ttl_days: days("The default lifetime", 1, 365),
  key_max_ttl_days: days("The maximum lifetime", 1, 365),
  key_allow_no_expiry: z.boolean({ error: "Must be true or false" }),
  user_grantable_scopes: z
    .array(userGrantableScopeSchema, { error: "A list of scopes" })
    .min(1, "Choose at least one scope; to stop users creating keys, turn off users_can_create_keys")
    .transform((scopes) => [...new Set(scopes)]),
  users_can_create_keys: z.boolean({ error: "Must be true or false" }),
  /** 0 turns idle flagging off. */
  idle_key_days: days("Idle days", 0, 3650),
  expiry_warning_days: days("The warning window", 1, 365),
};

/** The whole set of key policies, as the form edits them and as the service saves them. */
export const settingsSchema = z.strictObject(settingsFields).superRefine((settings, context) => {
  if (settings.key_default_ttl_days <= settings.key_max_ttl_days) return;
  const both = `The default lifetime (${settings.key_default_ttl_days} days) is above the maximum (${settings.key_max_ttl_days} days)`;
  context.addIssue({ code: "custom", path: ["key_default_ttl_days"], message: both });
  context.addIssue({ code: "custom", path: ["key_max_ttl_days"], message: both });
});
export type SettingsInput = z.infer<typeof settingsSchema>;

/** PATCH /admin/settings: any of the fields; the result must pass settingsSchema as a whole. */
export const updateSettingsSchema = z
  .strictObject(settingsFields)
  .partial()
  .refine((input) => Object.keys(input).length > 0, "Give at least one setting to change");
export type UpdateSettingsInput = z.infer<typeof updateSettingsSchema>;
