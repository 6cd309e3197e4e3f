import type { CallerUser } from "@/lib/auth/caller";
import { nowInSeconds, SESSION_ABSOLUTE_LIFETIME_SECONDS, type SessionClaims } from "@/lib/auth/session-claims";
import { db } from "@/lib/db";

/**
 * The user behind a session, as they are now; null when the session has ended. One rule ends
 * sessions (SPEC §8): the token carries the user's session version, and a password change, a
 * disable or a demotion bumps it (a trigger on users), while a deleted user has no row at all.
 * A session also ends when it signs out (its id is then in ended_sessions) and a week after
 * sign-in. A token from before session ids has none and is refused: its user signs in once more.
 */
export async function findActiveUser(id: string, claims: SessionClaims): Promise<CallerUser | null> {
  const { sv, sid, sat } = claims;
  if (typeof sv !== "number" || typeof sid !== "string" || typeof sat !== "number") return null;
  if (nowInSeconds() - sat > SESSION_ABSOLUTE_LIFETIME_SECONDS) return null;
  const [user, ended] = await Promise.all([
    db.user.findUnique({
      where: { id },
      select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true },
    }),
    db.endedSession.findUnique({ where: { id: sid }, select: { id: true } }),
  ]);
  if (!user || user.disabled || user.sessionVersion !== sv || ended) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * Signs a session out on the server: every copy of its token is refused from now on. Rows of
 * sessions past their absolute lifetime go at the same time, so the table holds only sessions
 * that could still be used.
 */
export async function endSession(claims: SessionClaims): Promise<void> {
  const { sid, sat } = claims;
  if (typeof sid !== "string" || typeof sat !== "number") return;
  await db.$transaction([
    db.endedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } }),
    db.endedSession.createMany({
      data: [{ id: sid, expiresAt: new Date((sat + SESSION_ABSOLUTE_LIFETIME_SECONDS) * 1000) }],
      skipDuplicates: true,
    }),
  ]);
}
