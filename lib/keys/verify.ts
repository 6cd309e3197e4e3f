// Key verification: the hot path every other service calls. One indexed read on a cache
// miss, none on a hit (found or not found), and no write per call (last use is recorded at most
// once a minute).
// Not "server-only": server.ts answers POST /api/v1/keys/verify with it outside Next.
import { effectiveScopes } from "@/lib/auth/caller";
import { config } from "@/lib/config";
import { hashKey, parseKey } from "@/lib/keys/format";
import { keyCache, type CachedKey } from "@/lib/keys/key-cache";
import { recordKeyUse } from "@/lib/keys/last-used";
import { keyLookup } from "@/lib/keys/verify-lookup";
import { countVerification } from "@/lib/usage/counter";

export type VerifyFailure = "malformed" | "not_found" | "revoked" | "expired" | "owner_disabled";

export type VerifyResult = { valid: true; key: CachedKey } | { valid: false; reason: VerifyFailure };

async function loadKey(hash: string): Promise<CachedKey | null> {
  const row = await keyLookup.byHash(hash);
  if (!row) return null;
  return {
    hash,
    keyId: row.id,
    ownerId: row.owner_id,
    ownerEmail: row.email,
    ownerName: row.name,
    ownerRole: row.role,
    ownerDisabled: row.disabled,
    scopes: row.scopes,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

function judge(key: CachedKey, now: number): VerifyResult {
  if (key.revokedAt) return { valid: false, reason: "revoked" };
  if (key.expiresAt && key.expiresAt.getTime() <= now) return { valid: false, reason: "expired" };
  if (key.ownerDisabled) return { valid: false, reason: "owner_disabled" };
  return { valid: true, key };
}

/** Decides whether a presented secret is a working key. Lookup is by hash through a unique index. */
export async function verifyKey(secret: unknown): Promise<VerifyResult> {
  if (typeof secret !== "string" || !parseKey(secret, config().KEY_PREFIX).ok) {
    return { valid: false, reason: "malformed" };
  }
  const hash = hashKey(secret);
  const cache = keyCache();
  let key = cache.get(hash);
  if (!key) {
    if (cache.isMissing(hash)) return { valid: false, reason: "not_found" };
    const stamp = cache.stamp();
    key = (await loadKey(hash)) ?? undefined;
    if (!key) {
      cache.setMissing(hash, stamp);
      return { valid: false, reason: "not_found" };
    }
    cache.set(key, stamp);
  }
  const now = Date.now();
  const result = judge(key, now);
  countVerification(key.keyId, result, now);
  if (result.valid) recordKeyUse(key.keyId, now);
  return result;
}

/** The response body of POST /api/v1/keys/verify (SPEC §4). */
export function verifyResponseBody(result: VerifyResult) {
  if (!result.valid) return { valid: false as const, reason: result.reason };
  return {
    valid: true as const,
    key_id: result.key.keyId,
    user_id: result.key.ownerId,
    scopes: effectiveScopes(result.key.scopes, result.key.ownerRole),
    expires_at: result.key.expiresAt?.toISOString() ?? null,
  };
}
