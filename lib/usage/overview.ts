import "server-only";
import { requireAdminCaller, type Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { currentSettings } from "@/lib/settings/service";
import { HOUR_MS } from "@/lib/usage/counter";
import { bucketStart, verificationsSince } from "@/lib/usage/series";
import { ownedKeySelect, toOwnedKeyDto, type OwnedKeyDto } from "@/lib/usage/service";
import { policyViolations, type KeyPolicy } from "@/lib/usage/warnings";

const DAY_MS = 24 * HOUR_MS;
/** SPEC §4: each list of the overview holds at most this many keys. */
export const OVERVIEW_LIST_LIMIT = 20;

export const activeKeyWhere = (now: Date): Prisma.ApiKeyWhereInput => ({
  revokedAt: null,
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
});

/** Active keys unused (or, never used, created) before the idle cutoff; none when idle_key_days is 0. */
export function idleKeyWhere(idleKeyDays: number, now: Date): Prisma.ApiKeyWhereInput {
  if (idleKeyDays <= 0) return { id: { in: [] } };
  const cutoff = new Date(now.getTime() - idleKeyDays * DAY_MS);
  return {
    AND: [
      activeKeyWhere(now),
      {
        OR: [
          { lastUse: { is: { lastUsedAt: { lt: cutoff } } } },
          { lastUse: { is: { lastUsedAt: null } }, createdAt: { lt: cutoff } },
        ],
      },
    ],
  };
}

/** Active keys a policy saved after they were made would refuse: too long, never expiring, or over-scoped. */
function exceedingPolicyWhere(policy: KeyPolicy, now: Date): Prisma.ApiKeyWhereInput {
  const ungrantable = ["keys:read", "keys:write", "models:read", "models:write"].filter(
    (scope) => !policy.user_grantable_scopes.includes(scope),
  );
  const tooLong = new Date(now.getTime() + policy.key_max_ttl_days * DAY_MS);
  return {
    AND: [
      activeKeyWhere(now),
      {
        OR: [
          { expiresAt: { gt: tooLong } },
          ...(policy.key_allow_no_expiry ? [] : [{ expiresAt: null }]),
          ...(ungrantable.length > 0 ? [{ owner: { role: "USER" as const }, scopes: { hasSome: ungrantable } }] : []),
        ],
      },
    ],
  };
}

export type Overview = {
  users: number;
  keys: { active: number; revoked: number; expired: number };
  verifications: { last_24h: number; last_30d: number };
  expiring_soon: OwnedKeyDto[];
  idle: OwnedKeyDto[];
  never_expire: OwnedKeyDto[];
  exceeding_policy: (OwnedKeyDto & { violations: string[] })[];
  policy: KeyPolicy;
};

/** GET /admin/overview and the /admin page: what is used, what is idle, what will expire. */
export async function getOverview(caller: Caller, now = new Date()): Promise<Overview> {
  requireAdminCaller(caller);
  const policy = await currentSettings();
  const soon = new Date(now.getTime() + policy.expiry_warning_days * DAY_MS);
  const list = (where: Prisma.ApiKeyWhereInput, orderBy: Prisma.ApiKeyOrderByWithRelationInput[]) =>
    db.apiKey.findMany({ where, select: ownedKeySelect, orderBy, take: OVERVIEW_LIST_LIMIT });
  const [users, active, revoked, expired, last24h, last30d, expiring, idle, neverExpire, exceeding] = await Promise.all(
    [
      db.user.count(),
      db.apiKey.count({ where: activeKeyWhere(now) }),
      db.apiKey.count({ where: { revokedAt: { not: null } } }),
      db.apiKey.count({ where: { revokedAt: null, expiresAt: { lte: now } } }),
      // The last 24 hourly buckets and the last 30 daily ones, the current one included, as the charts show them.
      verificationsSince(new Date(bucketStart(now, "hour").getTime() - 23 * HOUR_MS)),
      verificationsSince(new Date(bucketStart(now, "day").getTime() - 29 * DAY_MS)),
      list({ revokedAt: null, expiresAt: { gt: now, lte: soon } }, [{ expiresAt: "asc" }, { id: "asc" }]),
      list(idleKeyWhere(policy.idle_key_days, now), [
        { lastUse: { lastUsedAt: { sort: "asc", nulls: "first" } } },
        { createdAt: "asc" },
      ]),
      list({ revokedAt: null, expiresAt: null }, [{ createdAt: "asc" }, { id: "asc" }]),
      list(exceedingPolicyWhere(policy, now), [{ createdAt: "asc" }, { id: "asc" }]),
    ],
  );
  return {
    users,
    keys: { active, revoked, expired },
    verifications: { last_24h: last24h, last_30d: last30d },
    expiring_soon: expiring.map(toOwnedKeyDto),
    idle: idle.map(toOwnedKeyDto),
    never_expire: neverExpire.map(toOwnedKeyDto),
    exceeding_policy: exceeding.map((key) => {
      const dto = toOwnedKeyDto(key);
      return { ...dto, violations: policyViolations(dto, policy, now.getTime()) };
    }),
    policy,
  };
}
