// Renew and roll (SPEC §4 POST /keys/{id}/renew and /roll): the two operations that keep a key's
// settings and bring it, or a successor, back to life. Both take the key's row lock, so that they
// happen one at a time per key, and both require that the caller could grant what is kept today.
import "server-only";
import { conflict, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import type { Caller } from "@/lib/auth/caller";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { keySelect, toKeyDto, type KeyDto } from "@/lib/keys/dto";
import { generateKey, hashKey, keyStart } from "@/lib/keys/format";
import { decideScopes, type KeyOwner } from "@/lib/keys/granting";
import { keyCache } from "@/lib/keys/key-cache";
import { expiryFrom, requireKeptLifetimeAllowed } from "@/lib/keys/lifetime";
import { authorizeOwner, findKey, storedScopes } from "@/lib/keys/service";
import { currentSettings, type Settings } from "@/lib/settings/service";

/**
 * Locks the key's row until the transaction ends, so renews and rolls of one key happen one at
 * a time, and reads it as it is once the lock is held (a roll that just committed is seen).
 */
async function lockKey(tx: Prisma.TransactionClient, ownerId: string, id: string) {
  await tx.$queryRaw`SELECT id FROM api_keys WHERE id = ${id} FOR UPDATE`;
  const key = await tx.apiKey.findFirst({
    where: { id, ownerId },
    select: { name: true, alias: true, scopes: true, ttlDays: true, expiresAt: true, revokedAt: true, rolledAt: true },
  });
  // Deleted between the first read and the lock.
  if (!key) throw notFound("Key");
  return key;
}

/** Renew and roll keep the key's scopes and lifetime: the caller must be able to grant them now. */
function requireMayKeep(
  caller: Caller,
  owner: KeyOwner,
  settings: Settings,
  key: { scopes: string[]; ttlDays: number | null },
) {
  decideScopes(caller, owner, settings, storedScopes(key.scopes), "keep");
  requireKeptLifetimeAllowed(settings, key.ttlDays);
}

export async function renewKey(caller: Caller, ownerId: string, id: string): Promise<KeyDto> {
  const owner = await authorizeOwner(caller, ownerId, "keys:write");
  const current = await findKey(ownerId, id);
  const settings = await currentSettings();
  const key = await db.$transaction(async (tx) => {
    const locked = await lockKey(tx, ownerId, id);
    requireMayKeep(caller, owner, settings, locked);
    // Bringing a rolled key back would leave two live secrets where the roll meant one.
    if (locked.rolledAt) throw conflict("This key was rolled; renew the key that replaced it");
    const renewed = await tx.apiKey.update({
      where: { id },
      data: { expiresAt: expiryFrom(locked.ttlDays), revokedAt: null },
      select: keySelect,
    });
    await recordAudit(
      caller,
      { action: "key.renewed", target: { type: "key", id }, details: { owner_id: ownerId, ttl_days: locked.ttlDays } },
      tx,
    );
    return renewed;
  });
  await keyCache().invalidateEverywhere(current.hash);
  return toKeyDto(key);
}

/**
 * A new secret for the same key settings; the old one keeps working for the grace period. A key
 * is rolled once: the row lock makes concurrent rolls queue, and each after the first sees the
 * successor and gets a 409.
 */
export async function rollKey(caller: Caller, ownerId: string, id: string, gracePeriodHours: number) {
  const owner = await authorizeOwner(caller, ownerId, "keys:write");
  const current = await findKey(ownerId, id);
  const settings = await currentSettings();
  const secret = generateKey(config().KEY_PREFIX);
  const result = await db.$transaction(async (tx) => {
    const locked = await lockKey(tx, ownerId, id);
    requireMayKeep(caller, owner, settings, locked);
    if (locked.revokedAt) throw conflict("A revoked key cannot be rolled; create a new key instead");
    if (locked.rolledAt) throw conflict("This key has already been rolled; roll the key that replaced it");
    const now = Date.now();
    if (locked.expiresAt && locked.expiresAt.getTime() <= now) {
      throw conflict("An expired key cannot be rolled; renew it or create a new key");
    }
    const graceEnds = new Date(now + gracePeriodHours * 3_600_000);
    const oldExpiry = locked.expiresAt && locked.expiresAt < graceEnds ? locked.expiresAt : graceEnds;
    // The alias moves to the new key: integrations that renew by alias follow the new secret.
    const previous = await tx.apiKey.update({
      where: { id },
      data: { expiresAt: oldExpiry, alias: null, rolledAt: new Date(now) },
      select: keySelect,
    });
    const next = await tx.apiKey.create({
      data: {
        ownerId,
        name: locked.name,
        alias: locked.alias,
        start: keyStart(secret),
        hash: hashKey(secret),
        scopes: locked.scopes,
        ttlDays: locked.ttlDays,
        expiresAt: expiryFrom(locked.ttlDays, now),
        createdById: caller.user.id,
        predecessorId: id,
      },
      select: keySelect,
    });
    await recordAudit(
      caller,
      {
        action: "key.rolled",
        target: { type: "key", id },
        details: { owner_id: ownerId, new_key_id: next.id, grace_period_hours: gracePeriodHours },
      },
      tx,
    );
    return { previous, next };
  });
  await keyCache().invalidateEverywhere(current.hash);
  return { ...toKeyDto(result.next), key: secret, previous: toKeyDto(result.previous) };
}
