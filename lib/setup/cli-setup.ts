// `keydesk setup [--admin-key]`: what `npm start` does before serving — secrets, database,
// migrations, first admin — and, on request, a fresh admin-scoped key for scripting. It works
// beside a running `npm start` (prepare.ts finds its embedded PostgreSQL).
import { prepareDatabase, type Prepared } from "@/lib/setup/prepare";

/** One sentence for the operator, never a stack: what failed, and the cause's own words. */
export function setupFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error ?? "unknown error");
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  if (code === "ECONNREFUSED" || /ECONNREFUSED/.test(message)) {
    return `setup failed: cannot reach PostgreSQL (${message}); check DATABASE_URL, or that the embedded server of \`npm start\` is running.`;
  }
  return `setup failed: ${message || "the embedded PostgreSQL did not start (is its data directory in use by another server?)"}`;
}

export async function runSetup(args: string[]): Promise<number> {
  // Progress goes to stderr so that `keydesk setup --admin-key` prints only the key on stdout.
  const log = (line: string) => console.error(line ? `[keydesk] ${line}` : "");
  let prepared: Prepared | undefined;
  try {
    prepared = await prepareDatabase(log);
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
  } catch (error) {
    log(setupFailure(error));
    return 1;
  } finally {
    if (prepared) {
      const { db } = await import("@/lib/db");
      await db.$disconnect().catch(() => undefined);
      await prepared.stop().catch(() => undefined);
    }
  }
}
