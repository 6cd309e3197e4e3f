import { withApi } from "@/lib/api/with-api";
import { renewKey } from "@/lib/keys/service";

export const POST = withApi(({ caller, params }) => renewKey(caller, caller.user.id, params.id!), {
  scope: "keys:write",
});
