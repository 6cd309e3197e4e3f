import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/service";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";

export const DEFAULT_ADMIN_EMAIL = "admin@keydesk.local";

/**
 * Creates the first admin when there is none. The password comes from ADMIN_PASSWORD or is
 * generated; a generated one is printed this once and never stored in the clear.
 */
export async function ensureFirstAdmin(log: (line: string) => void): Promise<{ created: boolean; email: string }> {
  const existing = await db.user.findFirst({
    where: { role: "ADMIN" },
    select: { email: true },
    orderBy: { createdAt: "asc" },
  });
  if (existing) {
    log(`Admin account exists (${existing.email})`);
    return { created: false, email: existing.email };
  }
  const email = (process.env.ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
  const given = process.env.ADMIN_PASSWORD;
  if (given !== undefined && given.length < 12) throw new Error("ADMIN_PASSWORD must be at least 12 characters");
  const password = given ?? randomBytes(15).toString("base64url");
  const user = await db.user.upsert({
    where: { email },
    create: { email, name: "Administrator", role: "ADMIN", passwordHash: await hashPassword(password) },
    update: { role: "ADMIN", disabled: false },
    select: { id: true, email: true },
  });
  await recordAudit(null, {
    action: "user.created",
    target: { type: "user", id: user.id },
    details: { email, role: "ADMIN", by: "setup" },
  });
  log(`Created the first admin: ${email}`);
  if (given === undefined) {
    log("");
    log(`  Admin password (shown once, store it now): ${password}`);
    log("");
  }
  return { created: true, email };
}
