import "server-only";
import { badRequest, conflict, forbidden, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { DEFAULT_SCOPES, requireAdminCaller, requireScope, type Caller, type Scope } from "@/lib/auth/caller";
import { config } from "@/lib/config";
import { db, isUniqueViolation } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { keySelect, toKeyDto, type KeyDto } from "@/lib/keys/dto";
import { generateKey, hashKey, keyStart } from "@/lib/keys/format";
import { keyCache } from "@/lib/keys/key-cache";
import type { CreateKeyInput, UpdateKeyInput } from "@/lib/keys/schemas";

const DAY_MS = 86_400_000;
type Owner = { id: string; role: Role };

const isAdminCaller = (caller: Caller) => caller.user.role === "ADMIN" && caller.scopes.includes("admin");

/**
 * Keys are reached through their owner. An admin (role and, for a key, the admin scope) may act
 * on anyone's keys; everyone else on their own, with the keys:read or keys:write scope.
 */
export async function authorizeOwner(
  caller: Caller,
  ownerId: string,
  need: "keys:read" | "keys:write",
): Promise<Owner> {
  if (!isAdminCaller(caller)) {
    requireScope(caller, need);
    if (ownerId !== caller.user.id) requireAdminCaller(caller);
  }
  if (ownerId === caller.user.id) return { id: caller.user.id, role: caller.user.role };
  const owner = await db.user.findUnique({ where: { id: ownerId }, select: { id: true, role: true } });
  if (!owner) throw notFound("User");
  return owner;
}

/** Scopes a new or edited key may hold: `admin` only for an admin owner; others only what the caller holds. */
function grantableScopes(caller: Caller, owner: Owner, requested: Scope[] | undefined): Scope[] {
  const admin = isAdminCaller(caller);
  const scopes = requested ?? DEFAULT_SCOPES.filter((scope) => admin || caller.scopes.includes(scope));
  if (scopes.includes("admin") && owner.role !== "ADMIN")
    throw forbidden("Only an administrator's key can hold the admin scope");
  const missing = admin ? [] : scopes.filter((scope) => !caller.scopes.includes(scope));
  if (missing.length > 0) throw forbidden(`You cannot grant scopes you do not hold: ${missing.join(", ")}`);
  return scopes;
}

function lifetimeDays(requested: number | null | undefined): number | null {
  if (requested === undefined) return config().KEY_DEFAULT_TTL_DAYS;
  if (requested === null && !config().KEY_ALLOW_NO_EXPIRY) {
    throw badRequest("Keys must expire", {
      expires_in_days: ["Choose 1–365 days: keys without expiry are not allowed here"],
    });
  }
  return requested;
}

const expiryFrom = (ttlDays: number | null, from = Date.now()) =>
  ttlDays === null ? null : new Date(from + ttlDays * DAY_MS);

async function findKey(ownerId: string, id: string) {
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
  const scopes = grantableScopes(caller, owner, input.scopes as Scope[] | undefined);
  const ttlDays = lifetimeDays(input.expires_in_days);
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
    ...(await renewByAlias(caller, owner.id, input.alias, {
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
  change: { name: string; scopes: Scope[]; ttlDays?: number | null },
) {
  const key = await db.$transaction(async (tx) => {
    const existing = await tx.apiKey.findUniqueOrThrow({
      where: { ownerId_alias: { ownerId, alias } },
      select: { id: true, ttlDays: true, hash: true },
    });
    const ttlDays = change.ttlDays === undefined ? existing.ttlDays : change.ttlDays;
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
  const scopes = input.scopes ? grantableScopes(caller, owner, input.scopes as Scope[]) : undefined;
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

export async function renewKey(caller: Caller, ownerId: string, id: string): Promise<KeyDto> {
  await authorizeOwner(caller, ownerId, "keys:write");
  const current = await findKey(ownerId, id);
  const key = await db.$transaction(async (tx) => {
    const renewed = await tx.apiKey.update({
      where: { id },
      data: { expiresAt: expiryFrom(current.ttlDays), revokedAt: null },
      select: keySelect,
    });
    await recordAudit(
      caller,
      { action: "key.renewed", target: { type: "key", id }, details: { owner_id: ownerId, ttl_days: current.ttlDays } },
      tx,
    );
    return renewed;
  });
  await keyCache().invalidateEverywhere(current.hash);
  return toKeyDto(key);
}

/** A new secret for the same key settings; the old one keeps working for the grace period. */
export async function rollKey(caller: Caller, ownerId: string, id: string, gracePeriodHours: number) {
  await authorizeOwner(caller, ownerId, "keys:write");
  const current = await findKey(ownerId, id);
  if (current.revokedAt) throw conflict("A revoked key cannot be rolled; create a new key instead");
  const secret = generateKey(config().KEY_PREFIX);
  const graceEnds = new Date(Date.now() + gracePeriodHours * 3_600_000);
  const oldExpiry = current.expiresAt && current.expiresAt < graceEnds ? current.expiresAt : graceEnds;
  const result = await db.$transaction(async (tx) => {
    // The alias moves to the new key: integrations that renew by alias follow the new secret.
    const previous = await tx.apiKey.update({
      where: { id },
      data: { expiresAt: oldExpiry, alias: null },
      select: keySelect,
    });
    const next = await tx.apiKey.create({
      data: {
        ownerId,
        name: current.name,
        alias: current.alias,
        start: keyStart(secret),
        hash: hashKey(secret),
        scopes: current.scopes,
        ttlDays: current.ttlDays,
        expiresAt: expiryFrom(current.ttlDays),
        createdById: caller.user.id,
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
