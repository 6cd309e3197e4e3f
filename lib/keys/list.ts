import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { db, likeLiteral } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { keySelect, toKeyDto } from "@/lib/keys/dto";
import type { ListKeysQuery } from "@/lib/keys/schemas";
import { authorizeOwner } from "@/lib/keys/service";

const SORT_COLUMNS = {
  created_at: "createdAt",
  name: "name",
  last_used_at: "lastUsedAt",
  expires_at: "expiresAt",
} as const satisfies Record<string, keyof Prisma.ApiKeyOrderByWithRelationInput>;

function statusFilter(status: ListKeysQuery["status"], now: Date): Prisma.ApiKeyWhereInput {
  switch (status) {
    case "active":
      return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
    case "revoked":
      return { revokedAt: { not: null } };
    case "expired":
      return { revokedAt: null, expiresAt: { lte: now } };
    case "all":
      return {};
  }
}

function orderBy(sort: ListKeysQuery["sort"]): Prisma.ApiKeyOrderByWithRelationInput[] {
  const direction = sort.startsWith("-") ? "desc" : "asc";
  const column = SORT_COLUMNS[sort.replace(/^-/, "") as keyof typeof SORT_COLUMNS];
  // Never-used and never-expiring keys sort after the rest either way; id breaks ties stably.
  const primary =
    column === "lastUsedAt" || column === "expiresAt"
      ? { [column]: { sort: direction, nulls: "last" } }
      : { [column]: direction };
  return [primary, { id: direction }];
}

/** GET /keys and an admin's GET /admin/users/{user}/keys: filtered, sorted and paged in the database. */
export async function listKeys(caller: Caller, ownerId: string, query: ListKeysQuery) {
  await authorizeOwner(caller, ownerId, "keys:read");
  const term = query.q ? likeLiteral(query.q) : null;
  const search: Prisma.ApiKeyWhereInput = term
    ? {
        OR: [
          { name: { contains: term, mode: "insensitive" } },
          { alias: { contains: term, mode: "insensitive" } },
          { start: { startsWith: term } },
        ],
      }
    : {};
  const where: Prisma.ApiKeyWhereInput = { ownerId, AND: [search, statusFilter(query.status, new Date())] };
  const [rows, total] = await db.$transaction([
    db.apiKey.findMany({
      where,
      select: keySelect,
      orderBy: orderBy(query.sort),
      skip: (query.page - 1) * query.per_page,
      take: query.per_page,
    }),
    db.apiKey.count({ where }),
  ]);
  return { items: rows.map(toKeyDto), total, page: query.page, per_page: query.per_page };
}
