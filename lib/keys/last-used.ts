// last_used_at without a write per verification: uses are collected in memory and flushed
// in one statement every few seconds, and a row is only written when its stored time is over
// a minute old, so each key is written at most about once a minute whichever process saw it.
import { db } from "@/lib/db";

const FLUSH_INTERVAL_MS = 5_000;
const MIN_WRITE_GAP_MS = 60_000;

type Tracker = { pending: Map<string, Date>; lastWritten: Map<string, number>; timer: NodeJS.Timeout | null };
const globalForTracker = globalThis as unknown as { keydeskLastUsed?: Tracker };

function tracker(): Tracker {
  globalForTracker.keydeskLastUsed ??= { pending: new Map(), lastWritten: new Map(), timer: null };
  return globalForTracker.keydeskLastUsed;
}

/** Called on every successful verification, so a recent write returns before any allocation. */
export function recordKeyUse(keyId: string, at = Date.now()): void {
  const state = tracker();
  const written = state.lastWritten.get(keyId);
  if (written !== undefined && at - written < MIN_WRITE_GAP_MS) return;
  state.pending.set(keyId, new Date(at));
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
  // Entries past the gap no longer hold anything back; dropping them keeps the map bounded.
  const horizon = Date.now() - MIN_WRITE_GAP_MS;
  for (const [id, written] of state.lastWritten) if (written < horizon) state.lastWritten.delete(id);
  for (const [id, at] of batch) state.lastWritten.set(id, at.getTime());
  const ids = batch.map(([id]) => id);
  const times = batch.map(([, at]) => at);
  try {
    await db.$executeRaw`
      UPDATE api_keys AS k SET last_used_at = u.at
      FROM unnest(${ids}::text[], ${times}::timestamp(3)[]) AS u(id, at)
      WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.at - interval '1 minute')`;
  } catch (error) {
    // Losing a last-used time is better than failing verification; the next use retries.
    for (const [id] of batch) state.lastWritten.delete(id);
    console.error("keydesk: could not record key use:", error instanceof Error ? error.message : error);
  }
}
