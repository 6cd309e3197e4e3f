import type { CallerUser } from "@/lib/auth/caller";
import { db } from "@/lib/db";

/** The user behind a session, as they are now; null when deleted or disabled. */
export async function findActiveUser(id: string): Promise<CallerUser | null> {
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true },
  });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
