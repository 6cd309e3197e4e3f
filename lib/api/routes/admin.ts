import { defineRoute } from "@/lib/api/route";
import { listAudit } from "@/lib/audit/list";
import { listAuditQuerySchema } from "@/lib/audit/schemas";
import { listKeys } from "@/lib/keys/list";
import { generateKeySchema, listKeysQuerySchema } from "@/lib/keys/schemas";
import { createKey, deleteKey, getKey, revokeKey } from "@/lib/keys/service";
import { createUserSchema, listUsersQuerySchema, updateUserSchema } from "@/lib/users/schemas";
import { createUser, deleteUser, getUser, listUsers, resolveUser, updateUser } from "@/lib/users/service";

// `{user}` is an id or an email (URL-encoded in the path); the user service tells them apart.
// A user's keys go through the same key service as the owner's routes, looked up by (owner, id).
export const adminRoutes = [
  defineRoute({
    method: "GET",
    path: "/admin/users",
    summary: "List users",
    admin: true,
    query: listUsersQuerySchema,
    handler: ({ caller, query }) => listUsers(caller, query),
  }),
  defineRoute({
    method: "POST",
    path: "/admin/users",
    summary: "Create a user",
    admin: true,
    body: createUserSchema,
    status: 201,
    handler: ({ caller, body }) => createUser(caller, body),
  }),
  defineRoute({
    method: "GET",
    path: "/admin/users/{user}",
    summary: "Get a user by id or email",
    admin: true,
    handler: ({ caller, params }) => getUser(caller, params.user!),
  }),
  defineRoute({
    method: "PATCH",
    path: "/admin/users/{user}",
    summary: "Update a user",
    admin: true,
    body: updateUserSchema,
    handler: ({ caller, params, body }) => updateUser(caller, params.user!, body),
  }),
  defineRoute({
    method: "DELETE",
    path: "/admin/users/{user}",
    summary: "Delete a user and their keys, providers and defaults",
    admin: true,
    handler: ({ caller, params }) => deleteUser(caller, params.user!),
  }),
  defineRoute({
    method: "GET",
    path: "/admin/users/{user}/keys",
    summary: "List a user's keys",
    admin: true,
    query: listKeysQuerySchema,
    handler: async ({ caller, params, query }) => listKeys(caller, (await resolveUser(caller, params.user!)).id, query),
  }),
  defineRoute({
    method: "POST",
    path: "/admin/users/{user}/keys",
    summary: "Generate a key for a user (secret shown once)",
    admin: true,
    body: generateKeySchema,
    status: 201,
    handler: async ({ caller, params, body }) => createKey(caller, (await resolveUser(caller, params.user!)).id, body),
  }),
  defineRoute({
    method: "GET",
    path: "/admin/users/{user}/keys/{id}",
    summary: "Get a user's key",
    admin: true,
    handler: async ({ caller, params }) => getKey(caller, (await resolveUser(caller, params.user!)).id, params.id!),
  }),
  defineRoute({
    method: "DELETE",
    path: "/admin/users/{user}/keys/{id}",
    summary: "Delete a user's key",
    admin: true,
    handler: async ({ caller, params }) => deleteKey(caller, (await resolveUser(caller, params.user!)).id, params.id!),
  }),
  defineRoute({
    method: "POST",
    path: "/admin/users/{user}/keys/{id}/revoke",
    summary: "Revoke a user's key",
    admin: true,
    handler: async ({ caller, params }) => revokeKey(caller, (await resolveUser(caller, params.user!)).id, params.id!),
  }),
  defineRoute({
    method: "GET",
    path: "/admin/audit",
    summary: "Read the audit log",
    admin: true,
    query: listAuditQuerySchema,
    handler: ({ caller, query }) => listAudit(caller, query),
  }),
];
