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
  "defaults.updated",
  "settings.updated",
  "auth.login",
  "auth.login_failed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const listAuditQuerySchema = z.strictObject({
  page: pageSchema,
  per_page: perPageSchema,
  /** A user id, or an email (anything with "@"). */
  actor: z.string().trim().min(1).max(320).optional(),
  action: z.enum(AUDIT_ACTIONS, { error: `Action must be one of ${AUDIT_ACTIONS.join(", ")}` }).optional(),
  /** The id of the user or key acted on. */
  target: z.string().trim().min(1).max(200).optional(),
});
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;
