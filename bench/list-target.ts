// The Keydesk side of bench/list.mjs: a fresh embedded PostgreSQL where one owner holds
// BENCH_LIST_KEYS keys (default 1,000,000) and another 1,000, seeded in SQL with mixed statuses,
// last-use times and names, and the production server (server.ts) on a free port. Writes what the
// bench needs (bearer keys, session cookies, a deep cursor) to BENCH_LIST_INFO and prints
// `READY <port>`; SIGTERM stops the server and database. It needs an existing `next build`.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { newSessionClaims } from "@/lib/auth/session-claims";
import { generateKey, hashKey, keyStart } from "@/lib/keys/format";
import { encodeKeyCursor } from "@/lib/keys/list-cursor";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/setup/embedded-db";
import { migrate } from "@/lib/setup/migrate";

const BIG = Number(process.env.BENCH_LIST_KEYS ?? 1_000_000);
const SMALL = 1_000;
const log = (line: string) => console.error(`[list-target] ${line}`);

type Role = "ADMIN" | "USER";
export type Account = {
  id: string;
  key: string;
  cookie: string;
  deepCursor: string;
  startPrefix: string;
  aliasTerm: string;
};
export type ListBenchInfo = { big: Account; small: Account; admin: { key: string; cookie: string }; keys: number };

// Names like "billing-us key 4242", one word in ten per key; statuses about 60% active, 14%
// revoked, 25% expired; a third never used, a tenth never expiring; an alias on every 20th key;
// created one a minute back from now, so created_at order is the insertion order.
const SEED_KEYS = `
INSERT INTO api_keys (id, owner_id, name, alias, start, hash, scopes, ttl_days, expires_at, revoked_at,
                      created_by_id, created_at)
SELECT uuidv7()::text, $1,
  (ARRAY['deploy','ci','backup','staging','prod','analytics','billing','search','mobile','web'])[1 + i % 10]
    || '-' || (ARRAY['eu','us','ap'])[1 + (i / 10) % 3] || ' key ' || i,
  CASE WHEN i % 20 = 0 THEN 'alias-' || $2 || '-' || i END,
  'kd_' || substr(md5($2 || i), 1, 9),
  encode(sha256(($2 || i)::bytea), 'hex'),
  '{keys:read,keys:write,models:read,models:write}', 90,
  CASE WHEN i % 10 = 0 THEN NULL ELSE now() AT TIME ZONE 'UTC' + ((i::bigint * 7919) % 1000 - 250) * interval '1 day' END,
  CASE WHEN i % 7 = 3 THEN now() AT TIME ZONE 'UTC' - (i % 100) * interval '1 day' END,
  $1,
  now() AT TIME ZONE 'UTC' - ($3 - i) * interval '1 minute'
FROM generate_series(1, $3) AS i`;
// Their last uses, in key_last_used (which the insert gave a row per key): i is the name's number.
const SEED_LAST_USES = `
UPDATE key_last_used o
SET last_used_at = now() AT TIME ZONE 'UTC' - ((k.i * 104729) % 525600) * interval '1 minute'
FROM (SELECT id, substring(name FROM ' key ([0-9]+)$')::bigint AS i FROM api_keys WHERE owner_id = $1) AS k
WHERE o.key_id = k.id AND k.i % 3 <> 0`;

async function account(client: pg.Client, role: Role, email: string): Promise<{ id: string; key: string }> {
  const id = randomUUID();
  await client.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, $3, $4, now())`, [
    id,
    email,
    email.split("@")[0],
    role,
  ]);
  const key = generateKey(process.env.KEY_PREFIX ?? "kd");
  const scopes = ["keys:read", "keys:write", ...(role === "ADMIN" ? ["admin"] : [])];
  await client.query(
    `INSERT INTO api_keys (id, owner_id, name, start, hash, scopes, created_by_id) VALUES ($1, $2, 'bench', $3, $4, $5, $2)`,
    [randomUUID(), id, keyStart(key), hashKey(key), scopes],
  );
  return { id, key };
}

function cookie(user: { id: string }, email: string, role: Role): Promise<string> {
  return encode({
    // 0: the session version a fresh user has (findActiveUser ends any session without it).
    token: { sub: user.id, email, role, ...newSessionClaims(0) },
    secret: process.env.AUTH_SECRET!,
    salt: "authjs.session-token",
  }).then((token) => `authjs.session-token=${token}`);
}

/** A cursor halfway down the default sort (-created_at), and a start prefix shared by few keys. */
async function probes(client: pg.Client, ownerId: string, count: number) {
  const { rows } = await client.query<{ id: string; created_at: string; start: string }>(
    `SELECT id, to_char(created_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at, start FROM api_keys
     WHERE owner_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`,
    [ownerId, Math.floor(count / 2)],
  );
  const middle = rows[0]!;
  return {
    deepCursor: encodeKeyCursor({ sort: "-created_at", value: middle.created_at, id: middle.id }),
    startPrefix: middle.start.slice(0, 7),
  };
}

async function seed(url: string): Promise<Omit<ListBenchInfo, "keys">> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const admin = await account(client, "ADMIN", "admin@bench.test");
    const big = await account(client, "USER", "big@bench.test");
    const small = await account(client, "USER", "small@bench.test");
    let started = Date.now();
    await client.query(SEED_KEYS, [big.id, "big", BIG]);
    await client.query(SEED_KEYS, [small.id, "small", SMALL]);
    for (const owner of [big, small]) await client.query(SEED_LAST_USES, [owner.id]);
    log(`seeded ${BIG.toLocaleString("en")} + ${SMALL.toLocaleString("en")} keys in ${Date.now() - started} ms`);
    started = Date.now();
    // As autovacuum would in time: statistics for the planner, the visibility map for index-only
    // scans. A VACUUM that overlaps autovacuum's own ANALYZE of the new rows cannot mark their
    // pages all-visible, so it is repeated until it has.
    for (let attempt = 0; attempt < 10; attempt++) {
      await client.query("VACUUM ANALYZE api_keys, key_last_used");
      const { rows } = await client.query<{ visible: boolean }>(
        `SELECT bool_and(relallvisible >= relpages * 0.99) AS visible FROM pg_class WHERE relname IN ('api_keys', 'key_last_used')`,
      );
      if (rows[0]!.visible) break;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    await client.query("VACUUM ANALYZE users");
    await client.query("CHECKPOINT");
    log(`vacuumed and analyzed in ${Date.now() - started} ms`);
    return {
      admin: { key: admin.key, cookie: await cookie(admin, "admin@bench.test", "ADMIN") },
      big: {
        ...big,
        cookie: await cookie(big, "big@bench.test", "USER"),
        aliasTerm: "alias-big-1234",
        ...(await probes(client, big.id, BIG)),
      },
      small: {
        ...small,
        cookie: await cookie(small, "small@bench.test", "USER"),
        aliasTerm: "alias-small-12",
        ...(await probes(client, small.id, SMALL)),
      },
    };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const infoFile = process.env.BENCH_LIST_INFO ?? path.join(tmpdir(), `keydesk-list-bench-${process.pid}.json`);
  const dataDir = await mkdtemp(path.join(tmpdir(), "keydesk-list-bench-pg-"));
  let database: EmbeddedDatabase | null = null;
  let stopServer: () => Promise<void> = async () => {};
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stopServer().catch((error) => log(`server close: ${error}`));
    await database?.stop().catch((error) => log(`database stop: ${error}`));
    await rm(dataDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.once("SIGTERM", () => void stop(0));
  process.once("SIGINT", () => void stop(0));
  try {
    process.env.AUTH_SECRET ??= randomUUID() + randomUUID();
    database = await startEmbeddedPostgres({ dataDir, throwaway: true, log });
    await migrate(database.url);
    log(`database at ${database.url}`);
    const info: ListBenchInfo = { ...(await seed(database.url)), keys: BIG };
    await writeFile(infoFile, JSON.stringify(info));
    Object.assign(process.env, { DATABASE_URL: database.url, NODE_ENV: "production" });
    const { startServer } = await import("../server");
    const port = await freePort();
    const server = await startServer({ port, hostname: "127.0.0.1" });
    stopServer = server.close;
    console.log(`READY ${port}`);
  } catch (error) {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    await stop(1);
  }
}

void main();
