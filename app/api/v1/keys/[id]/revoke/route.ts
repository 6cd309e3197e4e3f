import { withApi } from "@/lib/api/with-api";
import { revokeKey } from "@/lib/keys/service";

export const POST = withApi(({ caller, params }) => revokeKey(caller, caller.user.id, params.id!), {
  scope: "keys:write",
});
