import "server-only";
import { conflict, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { isAdminCaller, requireAdminCaller, requireScope, SCOPES, type Caller, type Scope } from "@/lib/auth/caller";
import { config } from "@/lib/config";
import { db, isUniqueViolation } from "@/lib/db";
import { keySelect, toKeyDto, type KeyDto } from "@/lib/keys/dto";
import { generateKey, hashKey, keyStart } from "@/lib/keys/format";
import { decideScopes, requireMayCreateKeys, type KeyOwner } from "@/lib/keys/granting";
import { keyCache } from "@/lib/keys/key-cache";
import { expiryFrom, lifetimeForNewKey, requireKeptLifetimeAllowed } from "@/lib/keys/lifetime";
import type { CreateKeyInput, UpdateKeyInput } from "@/lib/keys/schemas";
import { currentSettings, type Settings } from "@/lib/settings/service";

/**
 * Keys are reached through their owner. An admin (role and, for a key, the admin scope) may act
 * on anyone's keys; everyone else on their own, with the keys:read or keys:write scope.
 */
export async function authorizeOwner(
  caller: Caller,
  ownerId: string,
  need: "keys:read" | "keys:write",
): Promise<KeyOwner> {
  if (!isAdminCaller(caller)) {
    requireScope(caller, need);
    if (ownerId !== caller.user.id) requireAdminCaller(caller);
  }
  if (ownerId === caller.user.id) return { id: caller.user.id, role: caller.user.role };
  const owner = await db.user.findUnique({ where: { id: ownerId }, select: { id: true, role: true } });
  if (!owner) throw notFound("User");
  return owner;
}

/** Stored scopes as the granting rule reads them; the schema only ever writes known ones. */
export const storedScopes = (scopes: string[]) => SCOPES.filter((scope) => scopes.includes(scope));

/** The owner's key with its hash (for the cache's invalidation), or a 404. */
export async function findKey(ownerId: string, id: string) {
  const key = await db.apiKey.findFirst({ where: { id, ownerId }, select: { ...keySelect, hash: true } });
  // Another user's key answers exactly like a missing one.
  if (!key) throw notFound("Key");
  return key;
}

export type CreatedKey = KeyDto & { key?: string; renewed: boolean };

/**
 * POST /keys (and an admin's generate): a new key with its secret shown this once, or, when the
 * owner already has the alias, a renewal of that key (no secret). Concurrent creates with one
 * alias are settled by the unique (owner, alias) index: one insert wins, the rest renew.
 */
export async function createKey(caller: Caller, ownerId: string, input: CreateKeyInput): Promise<CreatedKey> {
  const owner = await authorizeOwner(caller, ownerId, "keys:write");
  const settings = await currentSettings();
  requireMayCreateKeys(caller, settings);
  const scopes = decideScopes(caller, owner, settings, input.scopes);
  const ttlDays = lifetimeForNewKey(settings, input.expires_in_days);
  const secret = generateKey(config().KEY_PREFIX);
  try {
    const created = await db.$transaction(async (tx) => {
      const key = await tx.apiKey.create({
        data: {
          ownerId: owner.id,
          name: input.name,
          alias: input.alias ?? null,
          start: keyStart(secret),
          hash: hashKey(secret),
          scopes,
          ttlDays,
          expiresAt: expiryFrom(ttlDays),
          createdById: caller.user.id,
        },
        select: keySelect,
      });
      await recordAudit(
        caller,
        {
          action: "key.created",
          target: { type: "key", id: key.id },
          details: { owner_id: owner.id, name: key.name, scopes },
        },
        tx,
      );
      return key;
    });
    // Other instances hear the insert trigger; here no "not found" entry may outlive the create.
    keyCache().invalidate(`new:${hashKey(secret)}`);
    return { ...toKeyDto(created), key: secret, renewed: false };
  } catch (error) {
    if (!input.alias || !isUniqueViolation(error)) throw error;
  }
  return {
    ...(await renewByAlias(caller, owner.id, input.alias, settings, {
      name: input.name,
      scopes,
      ttlDays: input.expires_in_days === undefined ? undefined : ttlDays,
    })),
    renewed: true,
  };
}

async function renewByAlias(
  caller: Caller,
  ownerId: string,
  alias: string,
  settings: Settings,
  change: { name: string; scopes: Scope[]; ttlDays?: number | null },
) {
  const key = await db.$transaction(async (tx) => {
    const existing = await tx.apiKey.findUniqueOrThrow({
      where: { ownerId_alias: { ownerId, alias } },
      select: { id: true, ttlDays: true, hash: true },
    });
    const ttlDays = change.ttlDays === undefined ? existing.ttlDays : change.ttlDays;
    // Without expires_in_days the key keeps its lifetime, which must still be allowed.
    if (change.ttlDays === undefined) requireKeptLifetimeAllowed(settings, ttlDays);
    const renewed = await tx.apiKey.update({
      where: { id: existing.id },
      data: { name: change.name, scopes: change.scopes, ttlDays, expiresAt: expiryFrom(ttlDays), revokedAt: null },
      select: keySelect,
    });
    await recordAudit(
      caller,
      {
        action: "key.renewed",
        target: { type: "key", id: existing.id },
        details: { alias, name: change.name, scopes: change.scopes },
      },
      tx,
    );
    return { renewed, hash: existing.hash };
  });
  await keyCache().invalidateEverywhere(key.hash);
  return toKeyDto(key.renewed);
}

export async function getKey(caller: Caller, ownerId: string, id: string): Promise<KeyDto> {
  await authorizeOwner(caller, ownerId, "keys:read");
  const { hash: _hash, ...key } = await findKey(ownerId, id);
  return toKeyDto(key);
}

export async function updateKey(caller: Caller, ownerId: string, id: string, input: UpdateKeyInput): Promise<KeyDto> {
  const owner = await authorizeOwner(caller, ownerId, "keys:write");
  const current = await findKey(ownerId, id);
  const scopes = input.scopes ? decideScopes(caller, owner, await currentSettings(), input.scopes) : undefined;
  const key = await db.$transaction(async (tx) => {
    const updated = await tx.apiKey.update({ where: { id }, data: { name: input.name, scopes }, select: keySelect });
    await recordAudit(
      caller,
      {
        action: "key.updated",
        target: { type: "key", id },
        details: { changed: Object.keys(input), name: updated.name, scopes: updated.scopes },
      },
      tx,
    );
    return updated;
  });
  await keyCache().invalidateEverywhere(current.hash);
  return toKeyDto(key);
}

export async function revokeKey(caller: Caller, ownerId: string, id: string): Promise<KeyDto> {
  await authorizeOwner(caller, ownerId, "keys:write");
  const current = await findKey(ownerId, id);
  const key = await db.$transaction(async (tx) => {
    // Conditional on still being active, so two concurrent revokes give one 200 and one 409.
    const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw conflict("Key is already revoked");
    await recordAudit(
      caller,
      { action: "key.revoked", target: { type: "key", id }, details: { owner_id: ownerId, name: current.name } },
      tx,
    );
    return tx.apiKey.findUniqueOrThrow({ where: { id }, select: keySelect });
  });
  await keyCache().invalidateEverywhere(current.hash);
  return toKeyDto(key);
}

export async function deleteKey(caller: Caller, ownerId: string, id: string): Promise<{ id: string; deleted: true }> {
  await authorizeOwner(caller, ownerId, "keys:write");
  const current = await findKey(ownerId, id);
  await db.$transaction(async (tx) => {
    await tx.apiKey.delete({ where: { id } });
    await recordAudit(
      caller,
      { action: "key.deleted", target: { type: "key", id }, details: { owner_id: ownerId, name: current.name } },
      tx,
    );
  });
  await keyCache().invalidateEverywhere(current.hash);
  return { id, deleted: true };
}
