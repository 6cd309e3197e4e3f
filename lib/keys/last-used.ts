// last_used_at without a write per verification: uses are collected in memory and flushed
// in one statement every few seconds, and a row is only written when its stored time is over
// a minute old, so each key is written at most about once a minute whichever process saw it.
// The rows are key_last_used's, not api_keys' (migration key_last_used): a flush under many keys
// each used now and then writes thousands of them, and api_keys is what every lookup reads.
import { db } from "@/lib/db";

const FLUSH_INTERVAL_MS = 5_000;
const MIN_WRITE_GAP_MS = 60_000;

// What this process wrote and when, in two generations swapped every MIN_WRITE_GAP_MS: an entry
// older than the gap holds nothing back, so dropping the older generation whole keeps memory to
// the keys used in the last two minutes without ever walking the map on the hot path.
type Tracker = {
  /** Key id → time of its latest unwritten use, in epoch milliseconds. */
  pending: Map<string, number>;
  written: Map<string, number>;
  writtenBefore: Map<string, number>;
  rotatedAt: number;
  timer: NodeJS.Timeout | null;
};
const globalForTracker = globalThis as unknown as { keydeskLastUsed?: Tracker };

function tracker(): Tracker {
  globalForTracker.keydeskLastUsed ??= {
    pending: new Map(),
    written: new Map(),
    writtenBefore: new Map(),
    rotatedAt: Date.now(),
    timer: null,
  };
  return globalForTracker.keydeskLastUsed;
}

/** Called on every successful verification, so a recent write returns before any allocation. */
export function recordKeyUse(keyId: string, at = Date.now()): void {
  const state = tracker();
  const written = state.written.get(keyId) ?? state.writtenBefore.get(keyId);
  if (written !== undefined && at - written < MIN_WRITE_GAP_MS) return;
  state.pending.set(keyId, at);
  state.timer ??= setTimeout(() => void flushKeyUses(), FLUSH_INTERVAL_MS).unref();
}

/** Writes the collected uses. Exported so tests and shutdown can flush without waiting. */
export async function flushKeyUses(): Promise<void> {
  const state = tracker();
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  if (state.pending.size === 0) return;
  const batch = [...state.pending];
  state.pending.clear();
  const now = Date.now();
  if (now - state.rotatedAt >= MIN_WRITE_GAP_MS) {
    state.writtenBefore = state.written;
    state.written = new Map();
    state.rotatedAt = now;
  }
  for (const [id, at] of batch) state.written.set(id, at);
  // Two comma-joined lists (ids are UUIDs), not arrays of strings and Dates: under many keys a
  // flush carries thousands, and the driver's per-element array and date formatting showed in the
  // profile of the verify bench's cold workload.
  const ids = batch.map(([id]) => id).join(",");
  const times = batch.map(([, at]) => at).join(",");
  try {
    // Rows another transaction holds are skipped, not waited for: instances flushing the same keys
    // in different orders (or any other writer of many rows) would otherwise deadlock, and such a
    // row is almost always another instance's write of the same minute's use. NO KEY UPDATE is the
    // weakest lock an update of a non-key column takes anyway.
    await db.$executeRaw`
      WITH uses AS (
        SELECT id, to_timestamp(ms / 1000.0) AT TIME ZONE 'UTC' AS at
        FROM unnest(string_to_array(${ids}, ','), string_to_array(${times}, ',')::bigint[]) AS t(id, ms)
      ), due AS (
        SELECT o.key_id, u.at FROM key_last_used o JOIN uses u ON u.id = o.key_id
        WHERE o.last_used_at IS NULL OR o.last_used_at < u.at - interval '1 minute'
        FOR NO KEY UPDATE OF o SKIP LOCKED
      )
      UPDATE key_last_used AS o SET last_used_at = due.at FROM due WHERE o.key_id = due.key_id`;
  } catch (error) {
    // Losing a last-used time is better than failing verification; the next use retries.
    for (const [id] of batch) state.written.delete(id);
    console.error("keydesk: could not record key use:", error instanceof Error ? error.message : error);
  }
}
