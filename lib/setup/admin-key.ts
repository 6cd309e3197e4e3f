import { sessionCaller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/service";

/** A key with every scope for the admin, made by the operator at the console through the key service. */
export async function issueAdminKey(adminEmail: string): Promise<string> {
  const admin = await db.user.findUniqueOrThrow({
    where: { email: adminEmail },
    select: { id: true, email: true, name: true, role: true },
  });
  const operator = sessionCaller(admin, { ip: null, userAgent: "keydesk setup" });
  const created = await createKey(operator, admin.id, {
    name: `Setup key ${new Date().toISOString().slice(0, 10)}`,
    scopes: ["keys:read", "keys:write", "models:read", "models:write", "admin"],
  });
  return created.key!;
}
