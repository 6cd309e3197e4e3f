import type { CallerUser } from "@/lib/auth/caller";
import { db } from "@/lib/db";

/**
 * The user behind a session, as they are now; null when the session has ended. One rule ends
 * sessions (SPEC §8): the token carries the user's session version, and a password change, a
 * disable or a demotion bumps it (a trigger on users), while a deleted user has no row at all.
 */
export async function findActiveUser(id: string, sessionVersion: unknown): Promise<CallerUser | null> {
  if (typeof sessionVersion !== "number") return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true },
  });
  if (!user || user.disabled || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
