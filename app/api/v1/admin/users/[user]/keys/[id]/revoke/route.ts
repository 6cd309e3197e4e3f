import { withApi } from "@/lib/api/with-api";
import { revokeKey } from "@/lib/keys/service";
import { resolveUser } from "@/lib/users/service";

export const POST = withApi(
  async ({ caller, params }) => {
    const user = await resolveUser(caller, params.user!);
    return revokeKey(caller, user.id, params.id!);
  },
  { admin: true },
);
