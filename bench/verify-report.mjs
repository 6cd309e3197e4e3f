// The printed result of bench/verify.mjs: one table row per measured window, then each target's
// PASS or FAIL. Ratios take each server's mean throughput over its windows of a workload: for
// Keydesk, one on each side of the baseline's. "written %" is the share of a cold window's
// requests whose key got its last-used write, the work that separates a miss from the bare read.
export const TARGETS = { cold: 0.7, hot: 0.8, p99Ms: 5, countingCost: 0.05 };

const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "-");
const percent = (ratio) => `${fmt(ratio * 100, 1)}%`;
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
export const percentile = (sorted, p) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function table(header, rows) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}`);
}

const HEADER = [
  "run",
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
  r.writtenShare === undefined ? "-" : fmt(r.writtenShare * 100, 1),
  fmt(r.steal, 1),
  String(r.total),
  String(r.failures),
];

/** Mean throughput and CPU per request (server, and PostgreSQL where measured) of one server's windows. */
function summary(windows, name) {
  const mine = windows.filter((window) => window.name === name).map((window) => window.result);
  return {
    throughput: mean(mine.map((r) => r.throughput)),
    cpu: mean(mine.map((r) => r.cpuUsPerRequest ?? NaN)),
    databaseCpu: mean(mine.map((r) => r.databaseCpuUsPerRequest ?? NaN)),
    first: mine[0],
  };
}

/**
 * cold and hot: [{ name, result }] in the order run; paced: [{ keydesk, bare }] per round.
 * Sets process.exitCode to 1 when a target is missed.
 */
export function report({ cold, hot, paced, connections, rate }) {
  const rows = [
    ...cold.map((window, i) => row(`cold ${i + 1}, ${connections} conns`, window.name, window.result)),
    ...hot.map((window, i) => row(`hot ${i + 1}, ${connections} conns`, window.name, window.result)),
  ];
  paced.forEach((round, i) =>
    ["keydesk", "bare"].forEach((name) => rows.push(row(`${rate}/s paced, round ${i + 1}`, name, round[name]))),
  );
  table(HEADER, rows);

  const coldOf = (name) => summary(cold, name);
  const hotOf = (name) => summary(hot, name);
  const coldRatio = coldOf("keydesk").throughput / coldOf("bare-pg").throughput;
  const hotRatio = hotOf("keydesk").throughput / hotOf("bare").throughput;
  const coldCountingCost = 1 - coldOf("keydesk").throughput / coldOf("keydesk-uncounted").throughput;
  const hotCountingCost = 1 - hotOf("keydesk").throughput / hotOf("keydesk-uncounted").throughput;
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
    [`cold (cache-miss) throughput >= 70% of the bare pg read (${percent(coldRatio)})`, coldRatio >= TARGETS.cold],
    [`hot (cache-hit) throughput >= 80% of the bare Map server (${percent(hotRatio)})`, hotRatio >= TARGETS.hot],
    [
      `p99 < ${TARGETS.p99Ms} ms at ${rate} req/s, paced: median of ${paced.length} rounds (${fmt(keydeskP99)} ms)`,
      keydeskP99 < TARGETS.p99Ms,
    ],
    [
      `counting costs <= 5% of cold throughput (${percent(coldCountingCost)})`,
      coldCountingCost <= TARGETS.countingCost,
    ],
    [`counting costs <= 5% of hot throughput (${percent(hotCountingCost)})`, hotCountingCost <= TARGETS.countingCost],
    ["no failed Keydesk request", everyKeydeskRun.every((r) => r.failures === 0)],
  ];
  const cpu = (s) =>
    `${fmt(s.cpu, 0)} µs${Number.isFinite(s.databaseCpu) ? ` + ${fmt(s.databaseCpu, 0)} µs in PostgreSQL` : ""}`;
  console.log("\nmean CPU per request, by server and workload:");
  for (const name of ["keydesk", "keydesk-uncounted", "bare-pg"]) console.log(`  cold, ${name}: ${cpu(coldOf(name))}`);
  for (const name of ["keydesk", "keydesk-uncounted", "bare"]) console.log(`  hot, ${name}: ${cpu(hotOf(name))}`);
  for (const [label, pass] of checks) console.log(`${pass ? "PASS" : "FAIL"}  ${label}`);
  console.log(
    `INFO  cold, Keydesk's first window alone against the bare read: ${percent(coldOf("keydesk").first.throughput / coldOf("bare-pg").throughput)}`,
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
