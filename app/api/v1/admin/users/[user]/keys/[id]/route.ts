import { withApi } from "@/lib/api/with-api";
import { deleteKey, getKey } from "@/lib/keys/service";
import { resolveUser } from "@/lib/users/service";

// The key service looks keys up by (owner, id), so a key of another user is a 404 here.
export const GET = withApi(
  async ({ caller, params }) => {
    const user = await resolveUser(caller, params.user!);
    return getKey(caller, user.id, params.id!);
  },
  { admin: true },
);

export const DELETE = withApi(
  async ({ caller, params }) => {
    const user = await resolveUser(caller, params.user!);
    return deleteKey(caller, user.id, params.id!);
  },
  { admin: true },
);
