// What verification counting (SPEC §3 Usage, lib/usage/counter.ts) costs, part by part: its
// in-memory step on every verification, and the one statement per flush that writes the counts.
// bench/verify.mjs measures the same cost as a difference in throughput between two servers,
// which on a shared machine moves by more than the cost itself; this measures each part alone.
//   node --import tsx bench/counting.mts      (`npm run bench:counting`; BENCH_KEYS=1000000 for more keys)
// On a throwaway embedded PostgreSQL with 100,000 keys; prints nanoseconds per call and database
// time per written row, and a `PARTS {…}` line from which bench/verify.mjs sets them beside its
// servers' CPU per request.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/setup/embedded-db";
import { migrate } from "@/lib/setup/migrate";
import { median } from "./verify-report.mjs";

const KEYS = Number(process.env.BENCH_KEYS ?? 100_000);
const FLUSHED_ROWS = 30_000;
const ROUNDS = 5;
// Each cold round counts a different stretch of the keys, the rounds spread over all of them.
const ROUND_STRIDE = Math.floor((KEYS - FLUSHED_ROWS) / (ROUNDS - 1));

const nsPerCall = (calls: number, run: () => void) => {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / calls;
};

const dataDir = await mkdtemp(path.join(tmpdir(), "keydesk-bench-counting-"));
const database = await startEmbeddedPostgres({ dataDir, throwaway: true, log: () => {} });
try {
  await migrate(database.url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(
    `INSERT INTO users (id, email, name, updated_at) VALUES ('bench', 'bench@example.test', '', now())`,
  );
  await client.query(
    `INSERT INTO api_keys (id, owner_id, name, start, hash, scopes)
     SELECT gen_random_uuid()::text, 'bench', 'bench key ' || i, 'kd_' || i, md5(i::text), '{keys:read}'
     FROM generate_series(1, ${KEYS}) AS i`,
  );
  await client.query("VACUUM ANALYZE api_keys");
  const ids = (await client.query<{ id: string }>("SELECT id FROM api_keys")).rows.map((row) => row.id);
  await client.end();

  // The counter reads its settings on first use: no timed flush may start during a measurement.
  Object.assign(process.env, { DATABASE_URL: database.url, KEYDESK_USAGE_FLUSH_SECONDS: "60" });
  const { countVerification, flushUsageCounts, HOUR_MS } = await import("@/lib/usage/counter");
  const valid = { valid: true } as const as Parameters<typeof countVerification>[1];
  const now = Date.now();
  const hour = now - (now % HOUR_MS);

  // Hot: a key already counted this hour (the verify bench's hot workload cycles 1,000 keys).
  const hot = ids.slice(0, 1_000);
  const hotNs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const calls = 2_000_000;
    hotNs.push(
      nsPerCall(calls, () => {
        for (let i = 0; i < calls; i++) countVerification(hot[i % hot.length]!, valid, now);
      }),
    );
  }
  await flushUsageCounts();

  // Cold: each call a key not yet counted in its hour (a new entry), then the flush that writes them.
  const coldNs: number[] = [];
  const flushMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const keys = ids.slice(round * ROUND_STRIDE, round * ROUND_STRIDE + FLUSHED_ROWS);
    const at = hour + (round + 1) * HOUR_MS;
    coldNs.push(
      nsPerCall(keys.length, () => {
        for (const id of keys) countVerification(id, valid, at);
      }),
    );
    const started = process.hrtime.bigint();
    await flushUsageCounts();
    flushMs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }

  const flush = median(flushMs);
  console.log(`counting, in memory, a key already counted this hour: ${median(hotNs).toFixed(0)} ns per verification`);
  console.log(`counting, in memory, a key new in its hour: ${median(coldNs).toFixed(0)} ns per verification`);
  console.log(
    `counting, flush of ${FLUSHED_ROWS.toLocaleString("en")} new key-hour rows: ${flush.toFixed(0)} ms ` +
      `(${((flush * 1000) / FLUSHED_ROWS).toFixed(1)} µs per row, in this process and PostgreSQL together)`,
  );
  console.log(`  (medians of ${ROUNDS}; every flush: ${flushMs.map((ms) => ms.toFixed(0)).join(", ")} ms)`);
  // For bench/verify.mjs, which sets these beside its servers' CPU per request.
  const parts = { hotNs: median(hotNs), coldNs: median(coldNs), flushUsPerRow: (flush * 1000) / FLUSHED_ROWS };
  console.log(`PARTS ${JSON.stringify(parts)}`);
  const { db } = await import("@/lib/db");
  await db.$disconnect();
} finally {
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
