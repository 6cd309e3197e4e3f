// No server imports here: client components (the audit filters) use these too.
import { z } from "zod";
import { pageSchema, perPageSchema } from "@/lib/users/schemas";

export const AUDIT_ACTIONS = [
  "key.created",
  "key.updated",
  "key.revoked",
  "key.renewed",
  "key.rolled",
  "key.deleted",
  "user.created",
  "user.updated",
  "user.deleted",
  "provider.added",
  "provider.removed",
  "provider.model_added",
  "provider.model_removed",
  "defaults.updated",
  "settings.updated",
  "auth.login",
  "auth.login_failed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const actionSchema = z.enum(AUDIT_ACTIONS, { error: `Action must be one of ${AUDIT_ACTIONS.join(", ")}` });

/** A time without a zone is UTC, as the console shows every time in UTC. */
function withZone(value: string): string {
  return value.includes("T") && !/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? `${value}Z` : value;
}

const timeBoundSchema = z
  .string()
  .trim()
  .max(40)
  .refine((value) => !Number.isNaN(Date.parse(withZone(value))), "A date or an ISO time, e.g. 2026-12-01T09:30:00Z")
  .transform((value) => new Date(withZone(value)));

export const listAuditQuerySchema = z
  .strictObject({
    page: pageSchema,
    per_page: perPageSchema,
    /** A user id, or an email (anything with "@"). */
    actor: z.string().trim().min(1).max(320).optional(),
    /** One action, or several separated by commas: `key.revoked,key.deleted`. */
    action: z
      .string()
      .trim()
      .min(1)
      .transform((value, context) => {
        const actions = value.split(",").map((action) => action.trim());
        const parsed = z.array(actionSchema).safeParse(actions);
        if (parsed.success) return parsed.data;
        // Reported on `action` itself, not on an index of the list the API user never wrote.
        context.addIssue({ code: "custom", message: parsed.error.issues[0].message });
        return z.NEVER;
      })
      .optional(),
    /** The id of the user or key acted on, or a user's email. */
    target: z.string().trim().min(1).max(320).optional(),
    /** Events at or after this time. */
    from: timeBoundSchema.optional(),
    /** Events at or before this time. */
    to: timeBoundSchema.optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ["to"],
    message: "The end of the range comes before its start",
  });
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;
