import { withApi } from "@/lib/api/with-api";
import { updateUserSchema } from "@/lib/users/schemas";
import { deleteUser, getUser, updateUser } from "@/lib/users/service";

// `{user}` is an id or an email (URL-encoded in the path); the service tells them apart.
export const GET = withApi(({ caller, params }) => getUser(caller, params.user!), { admin: true });

export const PATCH = withApi(({ caller, params, body }) => updateUser(caller, params.user!, body), {
  admin: true,
  body: updateUserSchema,
});

export const DELETE = withApi(({ caller, params }) => deleteUser(caller, params.user!), { admin: true });
