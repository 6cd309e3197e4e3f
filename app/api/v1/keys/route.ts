import { ok } from "@/lib/api/envelope";
import { withApi } from "@/lib/api/with-api";
import { listKeys } from "@/lib/keys/list";
import { createKeySchema, listKeysQuerySchema } from "@/lib/keys/schemas";
import { createKey } from "@/lib/keys/service";

export const GET = withApi(({ caller, query }) => listKeys(caller, caller.user.id, query), {
  scope: "keys:read",
  query: listKeysQuerySchema,
});

export const POST = withApi(
  async ({ caller, body }) => {
    const key = await createKey(caller, caller.user.id, body);
    return ok(key, key.renewed ? 200 : 201);
  },
  { scope: "keys:write", body: createKeySchema },
);
