import { withApi } from "@/lib/api/with-api";
import { createUserSchema, listUsersQuerySchema } from "@/lib/users/schemas";
import { createUser, listUsers } from "@/lib/users/service";

export const GET = withApi(({ caller, query }) => listUsers(caller, query), {
  admin: true,
  query: listUsersQuerySchema,
});

export const POST = withApi(({ caller, body }) => createUser(caller, body), {
  admin: true,
  body: createUserSchema,
  status: 201,
});
