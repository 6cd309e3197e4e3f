import "server-only";
import { notFound } from "@/lib/api/errors";
import { requireAdminCaller, type Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { keySelect, toKeyDto } from "@/lib/keys/dto";
import { authorizeOwner } from "@/lib/keys/service";
import type { UsageQuery } from "@/lib/usage/schemas";
import { topKeyIds, usageSeries, type UsageSeries } from "@/lib/usage/series";

const TOP_KEYS = 10;

/** A key object with its owner, for lists that span users (the admin overview and usage). */
export const ownedKeySelect = {
  ...keySelect,
  owner: { select: { id: true, email: true, role: true } },
} satisfies Prisma.ApiKeySelect;
type OwnedKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof ownedKeySelect }>;

export function toOwnedKeyDto(key: OwnedKeyRow) {
  return { ...toKeyDto(key), owner: { id: key.owner.id, email: key.owner.email, role: key.owner.role } };
}
export type OwnedKeyDto = ReturnType<typeof toOwnedKeyDto>;

/** GET /keys/{id}/usage and the admin's GET /admin/users/{user}/keys/{id}/usage. */
export async function getKeyUsage(caller: Caller, ownerId: string, keyId: string, query: UsageQuery) {
  await authorizeOwner(caller, ownerId, "keys:read");
  const key = await db.apiKey.findFirst({ where: { id: keyId, ownerId }, select: { id: true } });
  // Another user's key answers exactly like a missing one.
  if (!key) throw notFound("Key");
  return usageSeries(query, keyId);
}

export type AdminUsage = UsageSeries & { top_keys: (OwnedKeyDto & { verifications: number })[] };

/** GET /admin/usage: every key's counts together per bucket, and the most-verified keys of the range. */
export async function getAdminUsage(caller: Caller, query: UsageQuery): Promise<AdminUsage> {
  requireAdminCaller(caller);
  const [series, top] = await Promise.all([usageSeries(query), topKeyIds(query, TOP_KEYS)]);
  const keys = await db.apiKey.findMany({
    where: { id: { in: top.map((entry) => entry.keyId) } },
    select: ownedKeySelect,
  });
  const byId = new Map(keys.map((key) => [key.id, key]));
  const top_keys = top.flatMap(({ keyId, total }) => {
    const key = byId.get(keyId);
    return key ? [{ ...toOwnedKeyDto(key), verifications: total }] : [];
  });
  return { ...series, top_keys };
}
