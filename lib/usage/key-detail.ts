import "server-only";
import { notFound } from "@/lib/api/errors";
import { listKeyAudit } from "@/lib/audit/list";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { getKeyLineage } from "@/lib/keys/lineage";
import { HOUR_MS } from "@/lib/usage/counter";
import { bucketStart, usageSeries } from "@/lib/usage/series";
import { ownedKeySelect, toOwnedKeyDto } from "@/lib/usage/service";

const DAY_MS = 24 * HOUR_MS;
const AUDIT_LIMIT = 50;

const isAdminCaller = (caller: Caller) => caller.user.role === "ADMIN" && caller.scopes.includes("admin");

/** The 24 hourly buckets and the 30 daily ones that end with the current hour and day. */
export function chartRanges(now = new Date()) {
  return {
    day: { from: new Date(bucketStart(now, "hour").getTime() - 23 * HOUR_MS), to: now, granularity: "hour" as const },
    month: { from: new Date(bucketStart(now, "day").getTime() - 29 * DAY_MS), to: now, granularity: "day" as const },
  };
}

/**
 * Everything the key page (/keys/[id]) shows: the key with its owner, its use over 24 hours and
 * 30 days, its audit history and its roll lineage. Its owner sees it, and an admin sees anyone's;
 * for anyone else it does not exist (404, as the API answers another user's key).
 */
export async function getKeyDetail(caller: Caller, keyId: string, now = new Date()) {
  const key = await db.apiKey.findUnique({ where: { id: keyId }, select: ownedKeySelect });
  if (!key || (key.ownerId !== caller.user.id && !isAdminCaller(caller))) throw notFound("Key");
  const ranges = chartRanges(now);
  const [day, month, audit, lineage] = await Promise.all([
    usageSeries(ranges.day, key.id),
    usageSeries(ranges.month, key.id),
    listKeyAudit(key.id, AUDIT_LIMIT),
    getKeyLineage(caller, key.ownerId, key.id),
  ]);
  return {
    key: toOwnedKeyDto(key),
    usage: { day, month },
    audit,
    lineage,
  };
}
export type KeyDetail = Awaited<ReturnType<typeof getKeyDetail>>;
