// Verify's cache-miss read, and the one query in Keydesk that does not go through the Prisma
// client. Profiled under many keys each used once (node --cpu-prof, 2026-12-02), the Prisma path
// spent its time in the ORM's runtime (~15% of the process's busy time, twice node-postgres's
// share) and, in PostgreSQL, in parsing and planning its unnamed statement on every call: 600–770
// µs of database CPU per request against 100–170 µs for this named prepared statement, and about
// twice the process CPU. Here the statement is parsed and planned once per connection of a pool
// of its own, and lookups that wait at once share one (byHash); everything else still goes
// through lib/db.ts. Not "server-only": server.ts's fast
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
// so node-postgres does not read them in the process's local time zone. The hashes come as one
// comma-joined text (SHA-256 hex has no commas), one or many: see byHash.
const LOOKUP = {
  name: "keydesk_verify_lookup",
  text: `SELECT k.hash, k.id, k.owner_id, k.scopes, k.expires_at AT TIME ZONE 'UTC' AS expires_at,
    k.revoked_at AT TIME ZONE 'UTC' AS revoked_at, u.disabled, u.role, u.email, u.name
    FROM api_keys k JOIN users u ON u.id = k.owner_id WHERE k.hash = ANY (string_to_array($1, ','))`,
};

// Within SPEC §8's 5 s for a 503 when the database does not answer at all.
const CONNECT_TIMEOUT_MS = 4_000;
// A bound on one statement's parameter (65 bytes a hash), far above the lookups that can wait at once.
const MAX_BATCH = 256;
// Few connections, so that lookups under load share statements (see byHash). On the verify bench's
// cold path (2026-12-02, 32 clients, one process) lookups went out 1.5 to a statement with 10
// connections, 3.0 with 4 and 5.3 with 2, and the process's CPU per verification fell with each.
// Four keeps a lookup's wait short when one connection is slow. DB_POOL_SIZE can only lower it.
const MAX_LOOKUP_CONNECTIONS = 4;

type Lookup = { hash: string; resolve: (row: KeyLookupRow | null) => void; reject: (error: unknown) => void };
/** Lookups that wait for the same connection and go out as one statement. */
type Batch = Lookup[];
type LookupState = { pool: pg.Pool | null; forming: Batch | null };

const globalForLookup = globalThis as unknown as { keydeskVerifyLookup?: LookupState };

function lookupState(): LookupState {
  return (globalForLookup.keydeskVerifyLookup ??= { pool: null, forming: null });
}

function pool(state: LookupState): pg.Pool {
  if (!state.pool) {
    const created = new pg.Pool({
      connectionString: config().DATABASE_URL,
      max: Math.min(Number(process.env.DB_POOL_SIZE ?? 10), MAX_LOOKUP_CONNECTIONS),
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      allowExitOnIdle: true,
      // The statement is planned once per connection. Left to choose, PostgreSQL plans it anew on
      // every call (0.2–0.3 ms each): a plan for the values at hand always looks cheaper than one for
      // any number of hashes.
      options: "-c plan_cache_mode=force_generic_plan",
    });
    // An idle connection that the server ends (a restart, a failover) must not crash the process;
    // the pool drops it and the next lookup connects again.
    created.on("error", () => undefined);
    state.pool = created;
  }
  return state.pool;
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

/** Takes a connection for `batch`, closing it to newcomers once it has one, and reads its keys. */
async function sendBatch(state: LookupState, batch: Batch): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool(state).connect();
  } catch (error) {
    if (state.forming === batch) state.forming = null;
    const reason = recognisable(error);
    for (const lookup of batch) lookup.reject(reason);
    return;
  }
  if (state.forming === batch) state.forming = null;
  try {
    const { rows } = await client.query<KeyLookupRow & { hash: string }>({
      ...LOOKUP,
      values: [batch.map((lookup) => lookup.hash).join(",")],
    });
    client.release();
    const found = new Map(rows.map((row) => [row.hash, row]));
    for (const lookup of batch) lookup.resolve(found.get(lookup.hash) ?? null);
  } catch (error) {
    // A failed connection is not handed to the next lookup.
    client.release(error instanceof Error ? error : true);
    const reason = recognisable(error);
    for (const lookup of batch) lookup.reject(reason);
  }
}

/** Verify's lookup, kept on an object so tests can count the database reads it makes. */
export const keyLookup = {
  /**
   * The key with this SHA-256 hash (hex) and its owner, or null: an indexed read through the
   * unique hash index. While every connection of the pool is busy, the lookups that arrive meanwhile
   * wait together and go out as one statement when a connection frees: under many keys each used
   * now and then (verify's cache-miss path) PostgreSQL's cost per statement, not per row, is most of
   * a lookup's, and so is the driver's. A lookup that finds a connection idle goes out alone at once.
   */
  byHash(hash: string): Promise<KeyLookupRow | null> {
    return new Promise((resolve, reject) => {
      const state = lookupState();
      if (!state.forming || state.forming.length >= MAX_BATCH) {
        state.forming = [];
        void sendBatch(state, state.forming);
      }
      state.forming.push({ hash, resolve, reject });
    });
  },
};

/** Ends the lookup pool (server shutdown, tests); the next lookup would open a new one. */
export async function closeKeyLookup(): Promise<void> {
  const state = lookupState();
  const current = state.pool;
  state.pool = null;
  await current?.end();
}
