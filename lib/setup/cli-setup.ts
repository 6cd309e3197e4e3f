// `keydesk setup [--admin-key]`: what `npm start` does before serving — secrets, database,
// migrations, first admin — and, on request, a fresh admin-scoped key for scripting.
import { prepareDatabase } from "@/lib/setup/prepare";

export async function runSetup(args: string[]): Promise<number> {
  // Progress goes to stderr so that `keydesk setup --admin-key` prints only the key on stdout.
  const log = (line: string) => console.error(line ? `[keydesk] ${line}` : "");
  const prepared = await prepareDatabase(log);
  try {
    // Loaded only now: the database client reads DATABASE_URL when its module loads.
    const { ensureFirstAdmin } = await import("@/lib/setup/first-admin");
    const admin = await ensureFirstAdmin(log);
    if (args.includes("--admin-key")) {
      const { issueAdminKey } = await import("@/lib/setup/admin-key");
      const secret = await issueAdminKey(admin.email);
      log("Admin key (shown once, store it now; it is not saved anywhere):");
      console.log(secret);
    }
    return 0;
  } finally {
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await prepared.stop();
  }
}
