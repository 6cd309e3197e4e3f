// Kept apart from lib/users/schemas.ts: AUDIT_ACTIONS lives in lib/audit/service, which loads
// the database client, and the user schemas must stay importable from client components.
import { z } from "zod";
import { AUDIT_ACTIONS } from "@/lib/audit/service";
import { pageSchema, perPageSchema } from "@/lib/users/schemas";

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
