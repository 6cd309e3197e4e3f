import { withApi } from "@/lib/api/with-api";
import { listKeys } from "@/lib/keys/list";
import { generateKeySchema, listKeysQuerySchema } from "@/lib/keys/schemas";
import { createKey } from "@/lib/keys/service";
import { resolveUser } from "@/lib/users/service";

export const GET = withApi(
  async ({ caller, params, query }) => {
    const user = await resolveUser(caller, params.user!);
    return listKeys(caller, user.id, query);
  },
  { admin: true, query: listKeysQuerySchema },
);

// The same key service as POST /keys, so an admin's generate and a user's create cannot disagree.
export const POST = withApi(
  async ({ caller, params, body }) => {
    const user = await resolveUser(caller, params.user!);
    return createKey(caller, user.id, body);
  },
  { admin: true, body: generateKeySchema, status: 201 },
);
