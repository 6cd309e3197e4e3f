// What the fault specs run on: a PostgreSQL of their own that they may stop and start (never the
// e2e server's), real app processes (server.ts, as `npm start` serves it, from the production
// build), and rows seeded straight into the database so each trial costs only its own requests.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { generateKey, hashKey, keyStart } from "../lib/keys/format";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/setup/embedded-db";
import { migrate } from "../lib/setup/migrate";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "..");
export const FAULT_AUTH_SECRET = "fault-test-auth-secret-fault-test-auth-secret";

export type FaultDatabase = {
  url: string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  query: <Row extends pg.QueryResultRow>(sql: string, values?: unknown[]) => Promise<Row[]>;
  dispose: () => Promise<void>;
};

/** A migrated throwaway server; restarts keep its port (it is remembered in the data directory). */
export async function startFaultDatabase(): Promise<FaultDatabase> {
  const dataDir = await mkdtemp(path.join(PROJECT_ROOT, ".tmp", "fault-pg-"));
  let server: EmbeddedDatabase | null = await startEmbeddedPostgres({ dataDir, throwaway: true, keepData: true });
  const url = server.url;
  await migrate(url);
  const query = async <Row extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<Row>(sql, values)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    url,
    query,
    stop: async () => {
      await server?.stop();
      server = null;
    },
    start: async () => {
      server = await startEmbeddedPostgres({ dataDir, throwaway: true, keepData: true });
      if (server.url !== url) throw new Error(`the restarted server moved from ${url} to ${server.url}`);
    },
    dispose: async () => {
      await server?.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `url` for API calls (IPv4, as the server listens); `pageUrl` for a browser (Auth.js follows it). */
export type Instance = { url: string; pageUrl: string; pid: number; stop: () => Promise<void> };

/** One app process on the database: e2e/serve-instance.ts, from the current production build. */
export async function startInstance(databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const pageUrl = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "e2e/serve-instance.ts"], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: FAULT_AUTH_SECRET,
      AUTH_URL: pageUrl,
      KEY_PREFIX: "kd",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => {
    output += chunk;
    // The server's own error log is what explains a failed assertion.
    process.stderr.write(`[instance :${port}] ${chunk}`);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let waited = 0; !output.includes("instance ready"); waited += 100) {
    if (child.exitCode !== null || waited > 90_000) throw new Error(`instance did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pageUrl,
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export type SeededKey = { id: string; secret: string; ownerId: string };

export async function seedUser(database: FaultDatabase, role: "USER" | "ADMIN"): Promise<string> {
  const [row] = await database.query<{ id: string }>(
    `INSERT INTO users (id, email, name, password_hash, role, updated_at)
     VALUES (gen_random_uuid()::text, 'u-' || gen_random_uuid() || '@fault.test', 'Fault', 'x', $1::"Role", now())
     RETURNING id`,
    [role],
  );
  return row.id;
}

/** Keys inserted in one statement (30-day expiry), with the secrets that only this test knows. */
export async function seedKeys(database: FaultDatabase, ownerIds: string[], scopes: string[]): Promise<SeededKey[]> {
  const secrets = ownerIds.map(() => generateKey("kd"));
  const rows = await database.query<{ id: string; hash: string }>(
    `INSERT INTO api_keys (id, owner_id, name, start, hash, scopes, ttl_days, expires_at, created_at)
     SELECT gen_random_uuid()::text, owner_id, 'fault', start, hash, $4::text[], 30,
            (now() AT TIME ZONE 'UTC') + interval '30 days', now() AT TIME ZONE 'UTC'
     FROM unnest($1::text[], $2::text[], $3::text[]) AS seed(owner_id, start, hash)
     RETURNING id, hash`,
    [ownerIds, secrets.map(keyStart), secrets.map(hashKey), scopes],
  );
  const idByHash = new Map(rows.map((row) => [row.hash, row.id]));
  return secrets.map((secret, index) => ({ id: idByHash.get(hashKey(secret))!, secret, ownerId: ownerIds[index] }));
}

export type Answer = { status: number; ms: number; body: { code?: number; data?: unknown; message?: string } | null };

/** One JSON request, timed; a body that is not JSON comes back as null. */
export async function api(
  base: string,
  method: string,
  pathname: string,
  { key, body }: { key?: string; body?: unknown } = {},
): Promise<Answer & { retryAfter: string | null }> {
  const started = performance.now();
  const response = await fetch(`${base}/api/v1${pathname}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let parsed: Answer["body"] = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return {
    status: response.status,
    ms: performance.now() - started,
    body: parsed,
    retryAfter: response.headers.get("retry-after"),
  };
}

/** Runs `work` for each item with at most `width` in flight. */
export async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}
