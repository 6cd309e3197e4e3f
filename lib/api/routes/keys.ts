import { ok } from "@/lib/api/envelope";
import { defineRoute } from "@/lib/api/route";
import { listKeys } from "@/lib/keys/list";
import { createKeySchema, listKeysQuerySchema, rollKeySchema, updateKeySchema } from "@/lib/keys/schemas";
import { renewKey, rollKey } from "@/lib/keys/renewal";
import { createKey, deleteKey, getKey, revokeKey, updateKey } from "@/lib/keys/service";

// The caller's own keys (SPEC §4 "Keys (own)"): every service call is scoped to caller.user.id,
// so another user's key id is a 404 here.
export const keyRoutes = [
  defineRoute({
    method: "GET",
    path: "/keys",
    summary: "List your keys",
    scope: "keys:read",
    query: listKeysQuerySchema,
    handler: ({ caller, query }) => listKeys(caller, caller.user.id, query),
  }),
  defineRoute({
    method: "POST",
    path: "/keys",
    summary: "Create a key (201, secret shown once) or renew the key with this alias (200)",
    scope: "keys:write",
    body: createKeySchema,
    status: 201,
    handler: async ({ caller, body }) => {
      const key = await createKey(caller, caller.user.id, body);
      return ok(key, key.renewed ? 200 : 201);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/keys/{id}",
    summary: "Get one of your keys",
    scope: "keys:read",
    handler: ({ caller, params }) => getKey(caller, caller.user.id, params.id!),
  }),
  defineRoute({
    method: "PATCH",
    path: "/keys/{id}",
    summary: "Rename a key or change its scopes",
    scope: "keys:write",
    body: updateKeySchema,
    handler: ({ caller, params, body }) => updateKey(caller, caller.user.id, params.id!, body),
  }),
  defineRoute({
    method: "DELETE",
    path: "/keys/{id}",
    summary: "Delete a key for good",
    scope: "keys:write",
    handler: ({ caller, params }) => deleteKey(caller, caller.user.id, params.id!),
  }),
  defineRoute({
    method: "POST",
    path: "/keys/{id}/revoke",
    summary: "Revoke a key (409 if already revoked)",
    scope: "keys:write",
    handler: ({ caller, params }) => revokeKey(caller, caller.user.id, params.id!),
  }),
  defineRoute({
    method: "POST",
    path: "/keys/{id}/renew",
    summary: "Reset expiry to now + ttl_days and clear revocation",
    scope: "keys:write",
    handler: ({ caller, params }) => renewKey(caller, caller.user.id, params.id!),
  }),
  defineRoute({
    method: "POST",
    path: "/keys/{id}/roll",
    summary: "Issue a new secret; the old one expires after the grace period",
    scope: "keys:write",
    body: rollKeySchema,
    status: 201,
    handler: ({ caller, params, body }) => rollKey(caller, caller.user.id, params.id!, body.grace_period_hours),
  }),
];
