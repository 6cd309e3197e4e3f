import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { HOUR_MS, USAGE_OUTCOMES } from "@/lib/usage/counter";
import type { Granularity, UsageQuery } from "@/lib/usage/schemas";

const DAY_MS = 24 * HOUR_MS;
const STEP_MS: Record<Granularity, number> = { hour: HOUR_MS, day: DAY_MS };

export type UsageCounts = { valid: number; revoked: number; expired: number; owner_disabled: number };
export type UsageBucket = UsageCounts & { start: string };
export type UsageSeries = { buckets: UsageBucket[]; totals: UsageCounts & { total: number } };

type BucketRow = { start: Date } & Record<keyof UsageCounts, bigint | number>;

/** The start of the UTC hour or day that holds `at`: buckets are UTC, like the stored hours. */
export function bucketStart(at: Date, granularity: Granularity): Date {
  return new Date(at.getTime() - (at.getTime() % STEP_MS[granularity]));
}

const emptyCounts = (): UsageCounts => ({ valid: 0, revoked: 0, expired: 0, owner_disabled: 0 });

export function sumCounts(counts: UsageCounts): number {
  return counts.valid + counts.revoked + counts.expired + counts.owner_disabled;
}

/**
 * Counts per bucket from the bucket holding `from` up to `to`, every bucket present (zeros
 * included) so a chart and its table show gaps as gaps. One key's, or every key's together.
 */
export async function usageSeries(query: UsageQuery, keyId?: string): Promise<UsageSeries> {
  const first = bucketStart(query.from, query.granularity);
  // Null, so no rows, for a key id that is not a uuid (migration key_usage_uuid_key_ids).
  const keyFilter = keyId ? Prisma.sql`AND key_id = keydesk_key_uuid(${keyId})` : Prisma.empty;
  const rows = await db.$queryRaw<BucketRow[]>`
    SELECT date_trunc(${query.granularity}, "hour") AS start,
           sum(valid)::int8 AS valid, sum(revoked)::int8 AS revoked,
           sum(expired)::int8 AS expired, sum(owner_disabled)::int8 AS owner_disabled
    FROM key_usage
    WHERE "hour" >= ${first} AND "hour" < ${query.to} ${keyFilter}
    GROUP BY 1`;
  const byStart = new Map(rows.map((row) => [row.start.getTime(), row]));
  const totals = { ...emptyCounts(), total: 0 };
  const buckets: UsageBucket[] = [];
  for (let start = first.getTime(); start < query.to.getTime(); start += STEP_MS[query.granularity]) {
    const row = byStart.get(start);
    const counts = emptyCounts();
    for (const outcome of USAGE_OUTCOMES) {
      counts[outcome] = Number(row?.[outcome] ?? 0);
      totals[outcome] += counts[outcome];
    }
    buckets.push({ start: new Date(start).toISOString(), ...counts });
  }
  totals.total = sumCounts(totals);
  return { buckets, totals };
}

/** The most-verified keys in a range, by all outcomes together. */
export async function topKeyIds(query: UsageQuery, limit: number): Promise<{ keyId: string; total: number }[]> {
  const rows = await db.$queryRaw<{ key_id: string; total: bigint | number }[]>`
    SELECT key_id, sum(valid + revoked + expired + owner_disabled)::int8 AS total
    FROM key_usage
    WHERE "hour" >= ${bucketStart(query.from, query.granularity)} AND "hour" < ${query.to}
    GROUP BY key_id
    ORDER BY total DESC, key_id
    LIMIT ${limit}`;
  return rows.map((row) => ({ keyId: row.key_id, total: Number(row.total) }));
}

/** Verifications of every key since `since` (rows whose hour starts at or after it). */
export async function verificationsSince(since: Date): Promise<number> {
  const rows = await db.$queryRaw<{ total: bigint | number | null }[]>`
    SELECT sum(valid + revoked + expired + owner_disabled)::int8 AS total FROM key_usage WHERE "hour" >= ${since}`;
  return Number(rows[0]?.total ?? 0);
}
