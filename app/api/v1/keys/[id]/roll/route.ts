import { withApi } from "@/lib/api/with-api";
import { rollKeySchema } from "@/lib/keys/schemas";
import { rollKey } from "@/lib/keys/service";

export const POST = withApi(
  ({ caller, params, body }) => rollKey(caller, caller.user.id, params.id!, body.grace_period_hours),
  {
    scope: "keys:write",
    body: rollKeySchema,
    status: 201,
  },
);
