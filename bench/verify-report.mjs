// The printed result of bench/verify.mjs: one table row per measured window, then each target's
// PASS or FAIL. Each ratio is taken within a round (bench/verify-windows.mjs), between windows a
// minute or so apart, and the target reads the median of the rounds' ratios, so one window caught
// in one of the machine's slow spells moves it little; every round's ratio is printed too.
// "written %" is the share of a cold window's requests whose key got its last-used write, the
// work that separates a miss from the bare read.
export const TARGETS = { cold: 0.7, hot: 0.8, p99Ms: 5, countingCost: 0.05 };

const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "-");
const percent = (ratio) => `${fmt(ratio * 100, 1)}%`;
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
export const percentile = (sorted, p) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
/** The middle value; with an even count, the mean of the two middle ones. */
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
};

function table(header, rows) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}`);
}

const HEADER = [
  "run",
  "round",
  "server",
  "req/s",
  "p50 ms",
  "p99 ms",
  "max ms",
  "CPU µs/req",
  "DB CPU µs/req",
  "repeats %",
  "written %",
  "steal %",
  "requests",
  "failed",
];

const row = (label, round, name, r) => [
  label,
  round,
  name,
  fmt(r.throughput, 0),
  fmt(r.p50),
  fmt(r.p99),
  fmt(r.max, 1),
  fmt(r.cpuUsPerRequest, 0),
  fmt(r.databaseCpuUsPerRequest, 0),
  r.repeatShare === undefined ? "-" : fmt(r.repeatShare * 100, 1),
  r.writtenShare === undefined ? "-" : fmt(r.writtenShare * 100, 1),
  fmt(r.steal, 1),
  String(r.total),
  String(r.failures),
];

/** Mean CPU per request (server, and PostgreSQL where measured) over one server's windows. */
function cpuSummary(windows, name) {
  const mine = windows.filter((window) => window.name === name).map((window) => window.result);
  return {
    cpu: mean(mine.map((r) => r.cpuUsPerRequest ?? NaN)),
    databaseCpu: mean(mine.map((r) => r.databaseCpuUsPerRequest ?? NaN)),
  };
}

/** Each round's throughput of `name` over `other`'s, in round order (a server run as two processes: their mean). */
function roundRatios(windows, name, other) {
  const throughputOf = (round, server) =>
    mean(
      windows
        .filter((window) => window.round === round && window.name === server)
        .map((window) => window.result.throughput),
    );
  const roundsRun = [...new Set(windows.map((window) => window.round))];
  return roundsRun.map((round) => throughputOf(round, name) / throughputOf(round, other));
}

/**
 * cold and hot: [{ name, round, result }] in the order run; paced: [{ keydesk, bare }] per round.
 * Sets process.exitCode to 1 when a target is missed.
 */
export function report({ cold, hot, paced, parts, connections, rate }) {
  const rows = [
    ...cold.map((window, i) =>
      row(`cold ${i + 1}, ${connections} conns`, String(window.round + 1), window.process, window.result),
    ),
    ...hot.map((window, i) =>
      row(`hot ${i + 1}, ${connections} conns`, String(window.round + 1), window.process, window.result),
    ),
  ];
  paced.forEach((round, i) =>
    ["keydesk", "bare"].forEach((name) => rows.push(row(`${rate}/s paced`, String(i + 1), name, round[name]))),
  );
  table(HEADER, rows);

  const ratios = {
    cold: roundRatios(cold, "keydesk", "bare-pg"),
    hot: roundRatios(hot, "keydesk", "bare"),
    coldCounted: roundRatios(cold, "keydesk", "keydesk-uncounted"),
    hotCounted: roundRatios(hot, "keydesk", "keydesk-uncounted"),
  };
  const coldRatio = median(ratios.cold);
  const hotRatio = median(ratios.hot);
  const coldCountingCost = 1 - median(ratios.coldCounted);
  const hotCountingCost = 1 - median(ratios.hotCounted);
  const p99s = (name) => paced.map((round) => round[name].p99);
  const pooledP99 = (name) =>
    percentile(
      paced.flatMap((round) => round[name].latencies).sort((a, b) => a - b),
      99,
    );
  const keydeskP99 = median(p99s("keydesk"));
  const keydeskWindows = [...cold, ...hot].filter((window) => window.name.startsWith("keydesk"));
  const everyKeydeskRun = [...keydeskWindows.map((window) => window.result), ...paced.map((round) => round.keydesk)];
  const checks = [
    [
      `cold (cache-miss) throughput >= 70% of the bare pg read (median of ${ratios.cold.length} rounds: ${percent(coldRatio)})`,
      coldRatio >= TARGETS.cold,
    ],
    [
      `hot (cache-hit) throughput >= 80% of the bare Map server (median of ${ratios.hot.length} rounds: ${percent(hotRatio)})`,
      hotRatio >= TARGETS.hot,
    ],
    [
      `p99 < ${TARGETS.p99Ms} ms at ${rate} req/s, paced: median of ${paced.length} rounds (${fmt(keydeskP99)} ms)`,
      keydeskP99 < TARGETS.p99Ms,
    ],
    [
      `counting costs <= 5% of cold throughput (median of ${ratios.coldCounted.length} rounds: ${percent(coldCountingCost)})`,
      coldCountingCost <= TARGETS.countingCost,
    ],
    [
      `counting costs <= 5% of hot throughput (median of ${ratios.hotCounted.length} rounds: ${percent(hotCountingCost)})`,
      hotCountingCost <= TARGETS.countingCost,
    ],
    ["no failed Keydesk request", everyKeydeskRun.every((r) => r.failures === 0)],
  ];
  const cpu = (s) =>
    `${fmt(s.cpu, 0)} µs${Number.isFinite(s.databaseCpu) ? ` + ${fmt(s.databaseCpu, 0)} µs in PostgreSQL` : ""}`;
  console.log("\nmean CPU per request, by server and workload:");
  for (const name of ["keydesk", "keydesk-uncounted", "bare-pg"])
    console.log(`  cold, ${name}: ${cpu(cpuSummary(cold, name))}`);
  for (const name of ["keydesk", "keydesk-uncounted", "bare"])
    console.log(`  hot, ${name}: ${cpu(cpuSummary(hot, name))}`);
  const byRound = (values) => values.map((value) => fmt(value * 100, 1)).join(", ");
  console.log("\neach round's ratio (the targets read their median):");
  console.log(`  cold, Keydesk / bare read: ${byRound(ratios.cold)}%`);
  console.log(`  hot, Keydesk / bare Map server: ${byRound(ratios.hot)}%`);
  console.log(`  cold, Keydesk / uncounted Keydesk: ${byRound(ratios.coldCounted)}%`);
  console.log(`  hot, Keydesk / uncounted Keydesk: ${byRound(ratios.hotCounted)}%\n`);
  for (const [label, pass] of checks) console.log(`${pass ? "PASS" : "FAIL"}  ${label}`);
  // Counting's parts alone (bench/counting.mts) as a share of Keydesk's CPU per request here: a
  // hot verification pays the in-memory step; a cold one a new entry and its row's flush.
  const hotCpu = cpuSummary(hot, "keydesk").cpu;
  const { cpu: coldServerCpu, databaseCpu: coldDatabaseCpu } = cpuSummary(cold, "keydesk");
  const coldCpu = coldServerCpu + coldDatabaseCpu;
  const coldPartUs = parts.coldNs / 1000 + parts.flushUsPerRow;
  console.log(
    `INFO  counting's parts alone: ${fmt(parts.hotNs, 0)} ns of ${fmt(hotCpu, 0)} µs per hot request (${percent(parts.hotNs / 1000 / hotCpu)}); ` +
      `${fmt(coldPartUs, 1)} µs of ${fmt(coldCpu, 0)} µs per cold one, PostgreSQL's included (${percent(coldPartUs / coldCpu)})`,
  );
  const worstSteal = Math.max(...[...cold, ...hot].map((window) => window.result.steal ?? 0));
  console.log(
    `INFO  highest steal in a full-speed window: ${fmt(worstSteal, 1)}%${worstSteal > 2 ? " — a noisy run: repeat it before trusting a ratio" : ""}`,
  );
  console.log(
    `INFO  p99 over all ${paced.length} paced rounds pooled: keydesk ${fmt(pooledP99("keydesk"))} ms, bare ${fmt(pooledP99("bare"))} ms`,
  );
  console.log(`INFO  median round p99 of the bare server: ${fmt(median(p99s("bare")))} ms (the machine's own floor)`);
  process.exitCode = checks.every(([, pass]) => pass) ? 0 : 1;
}
