import { withApi } from "@/lib/api/with-api";
import { updateKeySchema } from "@/lib/keys/schemas";
import { deleteKey, getKey, updateKey } from "@/lib/keys/service";

export const GET = withApi(({ caller, params }) => getKey(caller, caller.user.id, params.id!), { scope: "keys:read" });

export const PATCH = withApi(({ caller, params, body }) => updateKey(caller, caller.user.id, params.id!, body), {
  scope: "keys:write",
  body: updateKeySchema,
});

export const DELETE = withApi(({ caller, params }) => deleteKey(caller, caller.user.id, params.id!), {
  scope: "keys:write",
});
