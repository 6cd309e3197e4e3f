// Verify's cache-miss read, and the one query in Keydesk that does not go through the Prisma
// client. Profiled under many keys each used once (node --cpu-prof, 2026-12-02), the Prisma path
// spent its time in the ORM's runtime (~15% of the process's busy time, twice node-postgres's
// share) and, in PostgreSQL, in parsing and planning its unnamed statement on every call: 600–770
// µs of database CPU per request against 100–170 µs for this named prepared statement, and about
// twice the process CPU. Here the statement is parsed and planned once per connection of a pool
// of its own; everything else still goes through lib/db.ts. Not "server-only": server.ts's fast
// path imports it outside Next. It lives on globalThis because server.ts and Next's route bundles
// load separate copies.
import pg from "pg";
import { config } from "@/lib/config";
import type { Role } from "@/lib/generated/prisma/enums";

export type KeyLookupRow = {
  id: string;
  owner_id: string;
  scopes: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
  disabled: boolean;
  role: Role;
  email: string;
  name: string;
};

// The timestamp columns hold UTC without a zone; AT TIME ZONE 'UTC' hands them over as instants,
// so node-postgres does not read them in the process's local time zone.
const LOOKUP = {
  name: "keydesk_verify_lookup",
  text: `SELECT k.id, k.owner_id, k.scopes, k.expires_at AT TIME ZONE 'UTC' AS expires_at,
    k.revoked_at AT TIME ZONE 'UTC' AS revoked_at, u.disabled, u.role, u.email, u.name
    FROM api_keys k JOIN users u ON u.id = k.owner_id WHERE k.hash = $1`,
};

// Within SPEC §8's 5 s for a 503 when the database does not answer at all.
const CONNECT_TIMEOUT_MS = 4_000;

const globalForLookup = globalThis as unknown as { keydeskVerifyLookupPool?: pg.Pool };

function pool(): pg.Pool {
  if (!globalForLookup.keydeskVerifyLookupPool) {
    const created = new pg.Pool({
      connectionString: config().DATABASE_URL,
      max: Number(process.env.DB_POOL_SIZE ?? 10),
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      allowExitOnIdle: true,
    });
    // An idle connection that the server ends (a restart, a failover) must not crash the process;
    // the pool drops it and the next lookup connects again.
    created.on("error", () => undefined);
    globalForLookup.keydeskVerifyLookupPool = created;
  }
  return globalForLookup.keydeskVerifyLookupPool;
}

/**
 * node-postgres reports a full pool that could not connect in time without an error code; it is
 * given ETIMEDOUT so that lib/api/map-error.ts answers it, like every other outage, with a 503.
 * Errors with a code (ECONNREFUSED, 57P01, …) pass through as they are.
 */
function recognisable(error: unknown): unknown {
  if (error instanceof Error && !("code" in error) && /timeout exceeded when trying to connect/i.test(error.message)) {
    return Object.assign(new Error("The database did not accept a connection in time", { cause: error }), {
      code: "ETIMEDOUT",
    });
  }
  return error;
}

/** Verify's lookup, kept on an object so tests can count the database reads it makes. */
export const keyLookup = {
  /** The key with this hash and its owner, or null: one indexed read through the unique hash index. */
  async byHash(hash: string): Promise<KeyLookupRow | null> {
    try {
      const result = await pool().query<KeyLookupRow>({ ...LOOKUP, values: [hash] });
      return result.rows[0] ?? null;
    } catch (error) {
      throw recognisable(error);
    }
  },
};

/** Ends the lookup pool (server shutdown, tests); the next lookup would open a new one. */
export async function closeKeyLookup(): Promise<void> {
  const current = globalForLookup.keydeskVerifyLookupPool;
  globalForLookup.keydeskVerifyLookupPool = undefined;
  await current?.end();
}
