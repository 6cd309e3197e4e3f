// Not marked "server-only": server.ts (the verification fast path), the CLI and the
// migration scripts import it outside Next's bundler, where that marker would throw.
// It is never imported by a client component.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** How long a query waits for a pooled connection, or the listener for its own, before giving up. */
export const DB_CONNECT_TIMEOUT_MS = 3_000;

function createClient() {
  // Read straight from the environment, not through config(): `next build` loads route modules
  // without a database, and the pool only connects on the first query.
  const adapter = new PrismaPg({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DB_POOL_SIZE ?? 10),
    // A request waiting for a connection gives up (and answers 503) instead of hanging while
    // PostgreSQL is away: SPEC §4 wants the 503 within 5 s.
    connectionTimeoutMillis: DB_CONNECT_TIMEOUT_MS,
  });
  // Secret columns stay out of every query unless one asks for them by name.
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true }, apiKey: { hash: true } } });
}

const globalForDb = globalThis as unknown as { keydeskDb?: ReturnType<typeof createClient> };

/**
 * The one Prisma client. Importers load after start-up has set DATABASE_URL
 * (scripts/start.ts imports the server dynamically for that reason).
 */
export const db = (globalForDb.keydeskDb ??= createClient());

/**
 * Prisma's `contains` and `startsWith` become LIKE patterns without escaping, so a search for
 * "%" or "_" would match everything. Searches pass user text through this first.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Prisma's P2002: a unique index refused the write (a duplicate email, alias, hash…). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
