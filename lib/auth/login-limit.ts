import { db } from "@/lib/db";

// Five failures per email and IP in fifteen minutes. Counted from the audit log, so every app
// process behind a load balancer sees the same count without a shared cache.
const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;

/** Seconds to wait before the next attempt, or null when one is allowed now. */
export async function loginRetryAfter(email: string, ip: string | null): Promise<number | null> {
  const since = new Date(Date.now() - WINDOW_MS);
  const failures = await db.auditEvent.findMany({
    where: { action: "auth.login_failed", targetId: email.toLowerCase(), ip, createdAt: { gte: since } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
    take: MAX_FAILURES,
  });
  if (failures.length < MAX_FAILURES) return null;
  const oldest = failures[failures.length - 1]!.createdAt.getTime();
  return Math.max(1, Math.ceil((oldest + WINDOW_MS - Date.now()) / 1000));
}
