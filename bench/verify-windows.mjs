// The full-speed windows of bench/verify.mjs: each server in turn, cold (every key once, mostly
// cache misses for Keydesk: bench/cold-load.mjs) and hot (1,000 sampled keys), each window
// measured with the server's CPU time, its database backends' and the machine's steal. They run
// in rounds, one window of each server per round in a changing order, so that every ratio can be
// taken within a round: this machine has slow spells of tens of seconds (every function of a
// profile slower alike, no steal shown), and a ratio across rounds would measure them. A cold
// window is one stretch, its servers' windows a minute or so apart; a hot round's servers take
// turns of a second instead (hotRuns), so that a slow spell falls on all of them alike.
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
// The hot windows' turns (see hotRuns).
export const SLICE_S = Number(process.env.BENCH_SLICE_S ?? 1);
// Every window runs two processes of each Keydesk: a process keeps its own speed for its lifetime
// (one of two alike ones was 4% slower than the other in every hot round, 2026-12-02; at 20:05 the
// counted one spent 106-116 µs of CPU per cold request in every round, the uncounted one 76-107, a
// gap far above counting's parts), so a ratio of single processes would carry that as a bias;
// each ratio takes the two processes' mean.
export const SECOND_PROCESS = " 2";
const KEYDESK_PROCESSES = [
  "keydesk",
  `keydesk${SECOND_PROCESS}`,
  "keydesk-uncounted",
  `keydesk-uncounted${SECOND_PROCESS}`,
];
const HOT_SERVERS = [...KEYDESK_PROCESSES, "bare"];
/** A window's server as the report groups it: the second process of a Keydesk counts as that Keydesk. */
const serverOf = (processName) => processName.replace(SECOND_PROCESS, "");
/** Round r's order: the servers rotated by r, reversed in odd rounds; over the rounds each takes several places. */
function roundOrder(servers, round) {
  const shift = round % servers.length;
  const rotated = [...servers.slice(shift), ...servers.slice(0, shift)];
  return round % 2 === 1 ? rotated.reverse() : rotated;
}
const coldRounds = () =>
  Array.from({ length: ROUNDS }, (_, round) =>
    roundOrder([...KEYDESK_PROCESSES, "bare-pg"], round).map((processName) => ({ processName, round })),
  );
// A Keydesk writes what a window leaves pending (last uses, usage counts) up to 5 s after it:
// waiting that out keeps those writes out of the next server's window.
const settle = (name) => (name.startsWith("keydesk") ? sleep(6_000) : undefined);
// A process writes a key's last use at most once a minute, so its cold windows start more than a
// minute apart: a later window would otherwise skip the writes for keys the earlier one used.
const WRITE_GAP_MS = 61_000;

/** Runs `load` while reading the server's CPU time (and the database's, given its backends) and the machine's steal. */
async function watched(pid, load, databasePids = []) {
  const watcher = watch([pid, ...databasePids]);
  const run = await load();
  const { stealPercent, cpuMs } = watcher.stop();
  const databaseMs = cpuMs.slice(1).reduce((sum, ms) => sum + (ms ?? 0), 0);
  return { run, steal: stealPercent, cpuMs: cpuMs[0], databaseMs: databasePids.length === 0 ? null : databaseMs };
}

/** One window's figures from its watched slices (a single one, or a server's share of a round's turns). */
function summary(slices) {
  const sum = (values) => values.reduce((total, value) => total + value, 0);
  const runs = slices.map((slice) => slice.run);
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const failures = sum(runs.map((run) => run.failures));
  const served = sum(runs.map((run) => run.served));
  const elapsed = sum(runs.map((run) => run.elapsed));
  const known = (key) => (slices.some((slice) => slice[key] === null) ? null : sum(slices.map((slice) => slice[key])));
  const cpuMs = known("cpuMs");
  const databaseMs = known("databaseMs");
  const steal = known("steal");
  return {
    throughput: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    latencies,
    total: latencies.length + failures,
    failures,
    // Each slice's steal weighs by its length.
    steal: steal === null ? null : sum(slices.map((slice) => slice.steal * slice.run.elapsed)) / elapsed,
    // Per request answered in the window, failed ones included.
    cpuUsPerRequest: cpuMs === null ? null : (cpuMs * 1000) / served,
    databaseCpuUsPerRequest: databaseMs === null ? null : (databaseMs * 1000) / served,
    repeatShare: runs[0].repeatShare,
  };
}

/** One window: `load` watched as a single slice. */
export async function measured(pid, load, databasePids = []) {
  return summary([await watched(pid, load, databasePids)]);
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
  for (const { processName, round } of coldRounds().flat()) {
    const name = serverOf(processName);
    await sleep(Math.max(0, (endedAt.get(processName) ?? -Infinity) + WRITE_GAP_MS - Date.now()));
    console.log(
      `cold, round ${round + 1}/${ROUNDS}, ${processName}: ${WARMUP_S} s warm-up, then each of the ${secrets.length} keys once`,
    );
    const run = (seconds) =>
      coldRun({ port: ports[processName], path: VERIFY_PATH, secrets, seconds, connections: CONNECTIONS });
    await run(WARMUP_S);
    if (name.startsWith("keydesk")) {
      // Every window starts with an empty cache and with every key's use due for a write.
      await ageRecordedUses(databaseUrl);
      await dropCachedKeys(databaseUrl);
    } else await vacuumWrites(databaseUrl); // as ageRecordedUses does, so no autovacuum runs in this one either
    const databasePids = await backendPids(databaseUrl);
    const since = await databaseNow(databaseUrl);
    const result = await measured(children[processName].pid, () => run(), databasePids);
    endedAt.set(processName, Date.now());
    await settle(name);
    // Each request's key is a new one (repeats 0%): how many of them got their last-used write.
    if (name.startsWith("keydesk")) result.writtenShare = (await usesWrittenSince(databaseUrl, since)) / result.total;
    windows.push({ name, process: processName, round, result });
  }
  return windows;
}

/**
 * Every server at full speed over the 1,000 sampled keys, which Keydesk answers from its cache. A
 * round's processes take turns in slices of SLICE_S seconds until each has had DURATION_S, so that
 * a slow spell of the machine (they last tens of seconds) weighs on all of them alike.
 */
export async function hotRuns({ ports, children, secrets }) {
  const windows = [];
  const turns = Math.max(1, Math.round(DURATION_S / SLICE_S));
  for (let round = 0; round < ROUNDS; round++) {
    const order = roundOrder(HOT_SERVERS, round);
    for (const processName of order) await maxRun(ports[processName], secrets, WARMUP_S);
    console.log(
      `hot, round ${round + 1}/${ROUNDS}: ${WARMUP_S} s warm-up each, then ${turns} turns of ${SLICE_S} s of ${order.join(", ")}, ${CONNECTIONS} connections`,
    );
    const slices = new Map(order.map((processName) => [processName, []]));
    for (let turn = 0; turn < turns; turn++)
      for (const processName of order)
        slices
          .get(processName)
          .push(await watched(children[processName].pid, () => maxRun(ports[processName], secrets, SLICE_S)));
    for (const processName of order)
      windows.push({
        name: serverOf(processName),
        process: processName,
        round,
        result: summary(slices.get(processName)),
      });
  }
  return windows;
}
