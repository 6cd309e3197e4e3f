import { defineRoute } from "@/lib/api/route";
import { getOverview } from "@/lib/usage/overview";
import { usageQuerySchema } from "@/lib/usage/schemas";
import { getAdminUsage, getKeyUsage } from "@/lib/usage/service";
import { resolveUser } from "@/lib/users/service";

// Verification counts (SPEC §4): a key's for its owner and for an admin (the CLI's SHOW KEY),
// and every key's with the overview for admins.
export const usageRoutes = [
  defineRoute({
    method: "GET",
    path: "/keys/{id}/usage",
    summary: "Verifications of one of your keys per hour or day, by outcome",
    scope: "keys:read",
    query: usageQuerySchema,
    handler: ({ caller, params, query }) => getKeyUsage(caller, caller.user.id, params.id!, query),
  }),
  defineRoute({
    method: "GET",
    path: "/admin/users/{user}/keys/{id}/usage",
    summary: "Verifications of a user's key per hour or day, by outcome",
    admin: true,
    query: usageQuerySchema,
    handler: async ({ caller, params, query }) => {
      const user = await resolveUser(caller, params.user!);
      return getKeyUsage(caller, user.id, params.id!, query);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/admin/overview",
    summary:
      "Users and keys by status, recent verifications, and keys expiring, idle, never expiring or outside the policy",
    admin: true,
    handler: ({ caller }) => getOverview(caller),
  }),
  defineRoute({
    method: "GET",
    path: "/admin/usage",
    summary: "Verifications of all keys per hour or day, and the ten most-used keys",
    admin: true,
    query: usageQuerySchema,
    handler: ({ caller, query }) => getAdminUsage(caller, query),
  }),
];
