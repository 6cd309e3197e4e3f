import type { Prisma } from "@/lib/generated/prisma/client";

/** The columns a key object (SPEC §4) is built from; never the hash. */
export const keySelect = {
  id: true,
  ownerId: true,
  name: true,
  alias: true,
  start: true,
  scopes: true,
  ttlDays: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUse: { select: { lastUsedAt: true } },
  predecessorId: true,
  rolledAt: true,
  createdBy: { select: { id: true, email: true } },
} satisfies Prisma.ApiKeySelect;

export type KeyRow = Prisma.ApiKeyGetPayload<{ select: typeof keySelect }>;
export type KeyStatus = "active" | "revoked" | "expired";

export function keyStatus(key: Pick<KeyRow, "revokedAt" | "expiresAt">, now = Date.now()): KeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now) return "expired";
  return "active";
}

export function toKeyDto(key: KeyRow) {
  return {
    id: key.id,
    name: key.name,
    alias: key.alias,
    start: key.start,
    scopes: key.scopes,
    status: keyStatus(key),
    ttl_days: key.ttlDays,
    created_at: key.createdAt.toISOString(),
    expires_at: key.expiresAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
    last_used_at: key.lastUse?.lastUsedAt?.toISOString() ?? null,
    /** Roll lineage: the key this one replaced, and when this one was itself rolled (once at most). */
    predecessor_id: key.predecessorId,
    rolled_at: key.rolledAt?.toISOString() ?? null,
    created_by: key.createdBy ? { id: key.createdBy.id, email: key.createdBy.email } : null,
  };
}
export type KeyDto = ReturnType<typeof toKeyDto>;
