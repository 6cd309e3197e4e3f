// Benchmark of key lists at scale (issue 11): Keydesk's production server on an embedded
// PostgreSQL where one owner holds 1,000,000 keys and another 1,000 (bench/list-target.ts). Every
// query of the issue goes through the real routes, one request at a time, and prints p50/p95.
//   node bench/list.mjs              (`npm run bench:list`; BENCH_LIST_KEYS=100000 for a smaller run)
// Targets: p95 < 50 ms for each REST query; the /keys and /admin/users pages < 150 ms.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { watch } from "./machine-stats.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const WARMUP = 3;
const SAMPLES = Number(process.env.BENCH_LIST_SAMPLES ?? 30);
const TARGET_MS = { api: 50, page: 150 };

/** Every query of issue 11 item 2, for one account; `admin` ones use the admin's credentials. */
function queries(account) {
  const keys = "/api/v1/keys";
  const sorts = [
    "created_at",
    "-created_at",
    "name",
    "-name",
    "last_used_at",
    "-last_used_at",
    "expires_at",
    "-expires_at",
  ];
  return [
    ["first page", keys],
    ["page 500 of 20", `${keys}?page=500&per_page=20`],
    ["cursor, halfway down", `${keys}?cursor=${account.deepCursor}`],
    ["search: a rare name substring", `${keys}?q=${encodeURIComponent("us key 4242")}`],
    ["search: a common word", `${keys}?q=billing`],
    ["search: an alias substring", `${keys}?q=${account.aliasTerm}`],
    ["search: a start prefix", `${keys}?q=${account.startPrefix}`],
    ...["active", "revoked", "expired"].map((status) => [`status=${status}`, `${keys}?status=${status}`]),
    ...sorts.map((sort) => [`sort=${sort}`, `${keys}?sort=${sort}`]),
    ["admin: the user's keys", `/api/v1/admin/users/${account.id}/keys`, "admin"],
    ["admin: user list with key counts", "/api/v1/admin/users", "admin"],
    ["page /keys (HTML)", "/keys", "cookie"],
    ["page /keys?page=500 (HTML)", "/keys?page=500", "cookie"],
    ["page /admin/users (HTML)", "/admin/users", "admin-cookie"],
    // Not in the list, so without a target: a search past 10,000 matches whose matches
    // sort last, and a phrase of common words whose whole is rarer (lib/keys/list.ts, pastLimitPage).
    ["search past the limit, by -name", `${keys}?q=billing&sort=-name`, "untargeted"],
    ["search: a phrase of common words", `${keys}?q=${encodeURIComponent("key 1")}`, "untargeted"],
  ];
}

function headersFor(kind, account, admin) {
  if (kind === "admin") return { authorization: `Bearer ${admin.key}` };
  if (kind === "cookie") return { cookie: account.cookie };
  if (kind === "admin-cookie") return { cookie: admin.cookie };
  return { authorization: `Bearer ${account.key}` };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Sequential requests: the time of each, whole body read, after a few unrecorded ones. */
async function timeQuery(port, url, headers) {
  const times = [];
  let last;
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}${url}`, { headers, redirect: "manual" });
    const body = await response.text();
    if (i >= WARMUP) times.push(performance.now() - started);
    last = { status: response.status, body };
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), ...last };
}

function summary(body) {
  try {
    const { data } = JSON.parse(body);
    if (Array.isArray(data?.items))
      return `${data.items.length} items, total ${data.total}${data.total_exact === false ? "+" : ""}`;
  } catch {
    return "HTML";
  }
  return "";
}

async function runAccount(label, port, account, admin) {
  const rows = [];
  for (const [name, url, kind] of queries(account)) {
    const result = await timeQuery(port, url, headersFor(kind, account, admin));
    const target = kind === "untargeted" ? null : kind?.endsWith("cookie") ? TARGET_MS.page : TARGET_MS.api;
    const ok = result.status === 200 && (target === null || result.p95 < target);
    const verdict = target === null ? (ok ? "(no target)" : "FAIL") : `${ok ? "PASS" : "FAIL"} (< ${target} ms)`;
    rows.push({
      name,
      ...result,
      target,
      ok,
      note: result.status === 200 ? summary(result.body) : `HTTP ${result.status}`,
    });
    console.log(
      `${label.padEnd(9)} ${name.padEnd(34)} p50 ${result.p50.toFixed(1).padStart(7)} ms  p95 ${result.p95.toFixed(1).padStart(7)} ms  ${verdict}  ${rows.at(-1).note}`,
    );
  }
  return rows;
}

function startTarget(infoFile) {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/list-target.ts"], {
    cwd: ROOT,
    env: { ...process.env, BENCH_LIST_INFO: infoFile },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) =>
      line.startsWith("READY ") ? resolve(line.split(" ")[1]) : console.log(`[keydesk] ${line}`),
    );
    child.once("exit", (code) => reject(new Error(`list-target exited with code ${code} before it was ready`)));
  });
  return { child, ready };
}

async function main() {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID")))
    throw new Error("No production build: run `npx next build` first");
  const workDir = mkdtempSync(path.join(tmpdir(), "keydesk-list-bench-"));
  const infoFile = path.join(workDir, "info.json");
  const target = startTarget(infoFile);
  const stop = () =>
    new Promise((resolve) => {
      if (target.child.exitCode !== null) return resolve();
      target.child.once("exit", resolve);
      target.child.kill("SIGTERM");
    });
  try {
    console.log(
      `Seeding an embedded PostgreSQL (${process.env.BENCH_LIST_KEYS ?? "1,000,000"} + 1,000 keys) and starting Keydesk…`,
    );
    const port = await target.ready;
    const info = JSON.parse(readFileSync(infoFile, "utf8"));
    console.log(
      `${new Date().toISOString()}  ${SAMPLES} sequential requests per query after ${WARMUP} unrecorded; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    const watcher = watch([target.child.pid]);
    const big = await runAccount(`${(info.keys / 1000).toLocaleString("en")}k keys`, port, info.big, info.admin);
    const small = await runAccount("1k keys", port, info.small, info.admin);
    const { stealPercent } = watcher.stop();
    const failed = [...big, ...small].filter((row) => !row.ok);
    console.log(
      `\nsteal during the run: ${stealPercent === null ? "-" : stealPercent.toFixed(1)}%; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} (2 cores shared with other work)`,
    );
    console.log(
      failed.length === 0
        ? "PASS  every query within its target"
        : `FAIL  ${failed.length} queries over target: ${failed.map((row) => row.name).join("; ")}`,
    );
    process.exitCode = failed.length === 0 ? 0 : 1;
  } finally {
    await stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
