import "server-only";
import { conflict } from "@/lib/api/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Refuses a change that would leave no enabled admin. It locks every enabled admin's row
 * first, so two concurrent demotions of the last two admins queue behind each other: the
 * second one re-reads the rows after the first commits, sees a single admin left, and fails.
 * Rows are locked in id order so concurrent callers cannot deadlock on each other.
 */
export async function ensureNotLastAdmin(tx: Prisma.TransactionClient, userId: string, message: string): Promise<void> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM users WHERE role = 'ADMIN' AND NOT disabled ORDER BY id FOR UPDATE`;
  const isAdmin = admins.some((admin) => admin.id === userId);
  if (isAdmin && admins.length === 1) throw conflict(message);
}
