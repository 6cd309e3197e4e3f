// The full-speed windows of bench/verify.mjs: each server in turn, cold (every key once, mostly
// cache misses for Keydesk: bench/cold-load.mjs) and hot (1,000 sampled keys), each window
// measured with the server's CPU time, its database backends' and the machine's steal. They run
// in rounds, one window of each server per round in a changing order, so that every ratio can be
// taken within a round, between windows a minute or so apart: this machine has slow spells of
// tens of seconds (every function of a profile slower alike, no steal shown), and a ratio across
// rounds would measure them.
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
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
import { percentile } from "./verify-report.mjs";

export const VERIFY_PATH = "/api/v1/keys/verify";
export const CONNECTIONS = 32;
// Shorter runs only for a smoke test of the bench itself (e.g. BENCH_DURATION_S=2 BENCH_ROUNDS=1).
export const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
export const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
/** Round r's order: the servers rotated by r, reversed in odd rounds; over four rounds each takes every place. */
function roundOrder(baseline, round) {
  const servers = ["keydesk", "keydesk-uncounted", baseline];
  const rotated = [...servers.slice(round % 3), ...servers.slice(0, round % 3)];
  return round % 2 === 1 ? rotated.reverse() : rotated;
}
const rounds = (baseline) =>
  Array.from({ length: ROUNDS }, (_, round) => roundOrder(baseline, round).map((name) => ({ name, round })));
// A Keydesk writes what a window leaves pending (last uses, usage counts) up to 5 s after it:
// waiting that out keeps those writes out of the next server's window.
const settle = (name) => (name.startsWith("keydesk") ? sleep(6_000) : undefined);
// A process writes a key's last use at most once a minute, so its cold windows start more than a
// minute apart: a later window would otherwise skip the writes for keys the earlier one used.
const WRITE_GAP_MS = 61_000;

/** Runs `load` while watching the server's CPU time (and the database's, given its backends) and the machine's steal. */
export async function measured(pid, load, databasePids = []) {
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

/** Every server at full speed over all keys, each mostly a miss for Keydesk (bench/cold-load.mjs). */
export async function coldRuns({ ports, children, secrets, databaseUrl }) {
  const windows = [];
  const endedAt = new Map();
  for (const { name, round } of rounds("bare-pg").flat()) {
    await sleep(Math.max(0, (endedAt.get(name) ?? -Infinity) + WRITE_GAP_MS - Date.now()));
    console.log(
      `cold, round ${round + 1}/${ROUNDS}, ${name}: ${WARMUP_S} s warm-up, then ${DURATION_S} s over all ${secrets.length} keys`,
    );
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
    windows.push({ name, round, result });
  }
  return windows;
}

/** Every server at full speed over the 1,000 sampled keys, which Keydesk answers from its cache. */
export async function hotRuns({ ports, children, secrets }) {
  const windows = [];
  for (const { name, round } of rounds("bare").flat()) {
    console.log(
      `hot, round ${round + 1}/${ROUNDS}, ${name}: ${WARMUP_S} s warm-up, then ${DURATION_S} s with ${CONNECTIONS} connections`,
    );
    await maxRun(ports[name], secrets, WARMUP_S);
    const result = await measured(children[name].pid, () => maxRun(ports[name], secrets, DURATION_S));
    windows.push({ name, round, result });
    await settle(name);
  }
  return windows;
}
