import { db } from "@/lib/db";

// SPEC §8: at most 5 failed password checks per account and 30 per client address (across
// accounts, against password spraying) in 15 minutes. Each attempt consumes one hit from both
// counters BEFORE its password check, in one atomic statement per counter, so 100 parallel
// attempts cannot run more than 5 checks; an attempt that succeeds gives its hits back.
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 30;
export const LIMIT_WINDOW_MINUTES = 15;
const SWEEP_INTERVAL_MS = 10 * 60_000;

type Counter = { key: string; limit: number };

/** What an attempt took: give it back with `refundAttempt` when the password was right. */
export type Attempt = { allowed: true; counters: Counter[] } | { allowed: false; retryAfterSeconds: number };

function countersFor(email: string, ip: string | null): Counter[] {
  const counters = [{ key: `account:${email.toLowerCase()}`, limit: ACCOUNT_LIMIT }];
  if (ip) counters.push({ key: `ip:${ip}`, limit: ADDRESS_LIMIT });
  return counters;
}

/**
 * Takes one hit if the counter's window has room (or has ended, which starts a new one). The
 * conflict update and its WHERE run under the row lock, so concurrent callers queue and the
 * count never passes the limit. Without room nothing is written and the window's end is returned.
 */
async function consume(counter: Counter): Promise<{ ok: true } | { ok: false; resetAt: Date }> {
  const [row] = await db.$queryRaw<{ consumed: bigint; reset_at: Date | null }[]>`
    WITH taken AS (
      INSERT INTO login_limits AS l (key, hits, reset_at)
      VALUES (${counter.key}, 1, now() + make_interval(mins => ${LIMIT_WINDOW_MINUTES}))
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN l.reset_at <= now() THEN 1 ELSE l.hits + 1 END,
        reset_at = CASE WHEN l.reset_at <= now() THEN EXCLUDED.reset_at ELSE l.reset_at END
      WHERE l.reset_at <= now() OR l.hits < ${counter.limit}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM taken) AS consumed,
           (SELECT reset_at FROM login_limits WHERE key = ${counter.key}) AS reset_at`;
  if (row && Number(row.consumed) > 0) return { ok: true };
  return { ok: false, resetAt: row?.reset_at ?? new Date(Date.now() + LIMIT_WINDOW_MINUTES * 60_000) };
}

async function refund(counters: Counter[]): Promise<void> {
  if (counters.length === 0) return;
  const keys = counters.map((counter) => counter.key);
  await db.$executeRaw`UPDATE login_limits SET hits = greatest(hits - 1, 0) WHERE key = ANY(${keys}) AND reset_at > now()`;
}

function secondsUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 1000));
}

let lastSweep = 0;
/** Ended windows are only clutter; one process in a while deletes them, off the sign-in's path. */
function sweepEndedWindows(): void {
  if (Date.now() - lastSweep < SWEEP_INTERVAL_MS) return;
  lastSweep = Date.now();
  void db.$executeRaw`DELETE FROM login_limits WHERE reset_at < now()`.catch(() => undefined);
}

/** Takes one attempt from the account's and the address's counters, or says how long to wait. */
export async function takeLoginAttempt(email: string, ip: string | null): Promise<Attempt> {
  sweepEndedWindows();
  const taken: Counter[] = [];
  for (const counter of countersFor(email, ip)) {
    const result = await consume(counter);
    if (!result.ok) {
      // The other counter's hit was not used for a password check: give it back.
      await refund(taken);
      return { allowed: false, retryAfterSeconds: secondsUntil(result.resetAt) };
    }
    taken.push(counter);
  }
  return { allowed: true, counters: taken };
}

/** A right password is not a failure: the attempt's hits go back to its counters. */
export async function refundAttempt(attempt: Attempt): Promise<void> {
  if (attempt.allowed) await refund(attempt.counters);
}

/** Seconds until the account or the address may try again, or null when both have room now. */
export async function loginRetryAfter(email: string, ip: string | null): Promise<number | null> {
  const counters = countersFor(email, ip);
  const rows = await db.loginLimit.findMany({
    where: { key: { in: counters.map((counter) => counter.key) }, resetAt: { gt: new Date() } },
    select: { key: true, hits: true, resetAt: true },
  });
  const full = rows.filter((row) => row.hits >= counters.find((counter) => counter.key === row.key)!.limit);
  if (full.length === 0) return null;
  return Math.max(...full.map((row) => secondsUntil(row.resetAt)));
}
