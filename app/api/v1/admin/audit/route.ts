import { withApi } from "@/lib/api/with-api";
import { listAudit } from "@/lib/audit/list";
import { listAuditQuerySchema } from "@/lib/audit/schemas";

export const GET = withApi(({ caller, query }) => listAudit(caller, query), {
  admin: true,
  query: listAuditQuerySchema,
});
