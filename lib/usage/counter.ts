// Verification counts without a write per call (SPEC §3 Usage): each process adds outcomes up in
// memory per key and hour and upserts the increments in one statement at most once a minute
// (KEYDESK_USAGE_FLUSH_SECONDS), so a crash loses at most the last interval; a graceful stop
// flushes. The same loop prunes rows older than USAGE_RETENTION_DAYS about once an hour.
// Not "server-only": server.ts's verify fast path reaches it outside Next.
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import type { VerifyResult } from "@/lib/keys/verify";

export const USAGE_OUTCOMES = ["valid", "revoked", "expired", "owner_disabled"] as const;
export type UsageOutcome = (typeof USAGE_OUTCOMES)[number];

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const PRUNE_EVERY_MS = HOUR_MS;

// Index into a key's counts, in USAGE_OUTCOMES order; -1: not counted (no key was found).
const OUTCOME_INDEX: Record<"valid" | Extract<VerifyResult, { valid: false }>["reason"], number> = {
  valid: 0,
  revoked: 1,
  expired: 2,
  owner_disabled: 3,
  malformed: -1,
  not_found: -1,
};

type HourCounts = Map<string, number[]>;
type Counter = {
  enabled: boolean;
  flushMs: number;
  /** Start of the hour `current` counts, so the hot path skips the outer map while it lasts. */
  hour: number;
  current: HourCounts;
  hours: Map<number, HourCounts>;
  prunedAt: number;
  timer: NodeJS.Timeout | null;
};
const globalForCounter = globalThis as unknown as { keydeskUsage?: Counter };

function counter(): Counter {
  if (!globalForCounter.keydeskUsage) {
    const settings = config();
    globalForCounter.keydeskUsage = {
      enabled: settings.KEYDESK_USAGE_COUNTING === "on",
      flushMs: settings.KEYDESK_USAGE_FLUSH_SECONDS * 1000,
      hour: -1,
      current: new Map(),
      hours: new Map(),
      prunedAt: 0,
      timer: null,
    };
  }
  return globalForCounter.keydeskUsage;
}

function hourCounts(state: Counter, hour: number): HourCounts {
  let counts = state.hours.get(hour);
  if (!counts) {
    counts = new Map();
    state.hours.set(hour, counts);
  }
  return counts;
}

/** Called on every verification of a found key: a map lookup and an increment. */
export function countVerification(keyId: string, result: VerifyResult, at: number): void {
  const state = counter();
  const index = OUTCOME_INDEX[result.valid ? "valid" : result.reason];
  if (!state.enabled || index < 0) return;
  const hour = at - (at % HOUR_MS);
  if (hour !== state.hour) {
    state.current = hourCounts(state, hour);
    state.hour = hour;
  }
  let counts = state.current.get(keyId);
  if (!counts) {
    counts = [0, 0, 0, 0];
    state.current.set(keyId, counts);
    state.timer ??= setTimeout(() => void flushUsageCounts(), state.flushMs).unref();
  }
  counts[index]!++;
}

function restore(state: Counter, batch: Map<number, HourCounts>): void {
  for (const [hour, keys] of batch) {
    const counts = hourCounts(state, hour);
    for (const [keyId, added] of keys) {
      const kept = counts.get(keyId);
      if (kept) for (let i = 0; i < kept.length; i++) kept[i]! += added[i]!;
      else counts.set(keyId, added);
    }
  }
}

/**
 * Whether a key id has a uuid's shape: 36 characters, with hyphens after the 8th, 12th, 16th and
 * 20th digits. That tells Keydesk's ids (Prisma's uuid(7)) from the forms an id inserted by hand
 * would take (a cuid, a name, a number). The digits go unchecked, so such an id of a uuid's shape
 * but not of hex digits would still fail the flush: checking them with a regular expression cost
 * 200-650 ns per row, a fifth of the flush's time in Node.
 */
function hasUuidShape(id: string): boolean {
  return id.length === 36 && id[8] === "-" && id[13] === "-" && id[18] === "-" && id[23] === "-";
}

/**
 * One list as a PostgreSQL array literal, which the server reads in one pass (array_in). Passing
 * JavaScript arrays would have the driver quote each element, and comma-joined text split by
 * string_to_array costs the server a split, a cast per element and a materialized function scan.
 * The lists hold uuids and integers: no element needs quoting.
 */
function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.join(",")}}`;
}

/** Writes the collected counts in one statement. Exported so tests and shutdown can flush now. */
export async function flushUsageCounts(): Promise<void> {
  const state = counter();
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  const batch = state.hours;
  state.hours = new Map();
  state.hour = -1;
  const keyIds: string[] = [];
  const hours: string[] = [];
  const columns: number[][] = USAGE_OUTCOMES.map(() => []);
  for (const [hour, keys] of batch) {
    const hourText = String(hour);
    for (const [keyId, counts] of keys) {
      // key_usage stores key ids as uuids (migration key_usage_uuid_key_ids), as Keydesk makes
      // them; one that is not could not be written, and would fail the whole flush.
      if (!hasUuidShape(keyId)) continue;
      keyIds.push(keyId);
      hours.push(hourText);
      counts.forEach((count, i) => columns[i]!.push(count));
    }
  }
  if (keyIds.length > 0) {
    const [valid, revoked, expired, ownerDisabled] = columns.map(arrayLiteral);
    try {
      // Counts of keys deleted since they were counted are left out: nothing else would remove
      // their rows (key_usage has no foreign key, migration key_usage_lean). The delete trigger
      // lists those ids in recently_deleted_keys, a few rows that PostgreSQL hashes once per flush;
      // probing api_keys for every row cost a third of a new row (migration recently_deleted_keys).
      // The flush also drops the ids listed over ten minutes ago, as each delete does: after a
      // user's thousands of keys went, no flush hashes them for longer than that.
      await db.$executeRaw`
        WITH stale_ids AS (DELETE FROM recently_deleted_keys WHERE deleted_at < now() - interval '10 minutes')
        INSERT INTO key_usage AS t (key_id, hour, valid, revoked, expired, owner_disabled)
        SELECT u.key_id, to_timestamp(u.hour / 1000) AT TIME ZONE 'UTC', u.valid, u.revoked, u.expired, u.owner_disabled
        FROM (SELECT unnest(${arrayLiteral(keyIds)}::uuid[]) AS key_id, unnest(${arrayLiteral(hours)}::bigint[]) AS hour,
                     unnest(${valid}::int[]) AS valid, unnest(${revoked}::int[]) AS revoked,
                     unnest(${expired}::int[]) AS expired, unnest(${ownerDisabled}::int[]) AS owner_disabled) AS u
        WHERE NOT EXISTS (SELECT 1 FROM recently_deleted_keys d WHERE d.id = u.key_id)
        -- One order for every instance's flush, so two upserting the same rows cannot deadlock.
        ORDER BY u.key_id, u.hour
        ON CONFLICT (key_id, hour) DO UPDATE SET
          valid = t.valid + excluded.valid,
          revoked = t.revoked + excluded.revoked,
          expired = t.expired + excluded.expired,
          owner_disabled = t.owner_disabled + excluded.owner_disabled`;
    } catch (error) {
      // Kept for the next flush (the database may be down); counts are never worth failing a verification.
      restore(state, batch);
      state.timer ??= setTimeout(() => void flushUsageCounts(), state.flushMs).unref();
      console.error("keydesk: could not write usage counts:", error instanceof Error ? error.message : error);
      return;
    }
  }
  if (Date.now() - state.prunedAt >= PRUNE_EVERY_MS) await pruneUsage();
}

/** Deletes the hours past USAGE_RETENTION_DAYS; every instance may run it, it is idempotent. */
export async function pruneUsage(now = Date.now()): Promise<number> {
  counter().prunedAt = now;
  const cutoff = new Date(now - config().USAGE_RETENTION_DAYS * DAY_MS);
  try {
    return await db.keyUsage.deleteMany({ where: { hour: { lt: cutoff } } }).then((result) => result.count);
  } catch (error) {
    console.error("keydesk: could not prune usage counts:", error instanceof Error ? error.message : error);
    return 0;
  }
}
