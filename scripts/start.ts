// `npm start`: prepare the database and first admin, build if the sources changed, then serve.
import { spawnSync } from "node:child_process";
import { existsSync, statSync, readdirSync } from "node:fs";
import path from "node:path";
import { prepareDatabase, PROJECT_ROOT } from "@/lib/setup/prepare";

const log = (line: string) => console.log(line ? `[keydesk] ${line}` : "");
const dev = process.argv.includes("--dev");
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === "generated" || child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function buildIfNeeded(): void {
  const buildId = path.join(PROJECT_ROOT, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map((entry) => newestMtime(path.join(PROJECT_ROOT, entry))));
  if (builtAt > changedAt) return log("Production build is up to date");
  log(builtAt ? "Sources changed since the last build: building" : "Building the app (first start, about a minute)");
  const result = spawnSync("npx", ["next", "build"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("next build failed");
}

async function main(): Promise<void> {
  Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
  const prepared = await prepareDatabase(log);
  // Loaded only now: the database client reads DATABASE_URL when its module loads.
  const { ensureFirstAdmin } = await import("@/lib/setup/first-admin");
  await ensureFirstAdmin(log);
  if (!dev) buildIfNeeded();
  const port = Number(process.env.PORT ?? 3000);
  log(`Starting the ${dev ? "development" : "production"} server`);
  const { startServer } = await import("../server");
  const server = await startServer({ port, dev });
  log(`Keydesk is ready on http://localhost:${port}`);
  const shutdown = async () => {
    log("Shutting down");
    await server.close().catch(() => undefined);
    await prepared.stop();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error) => {
  console.error(`[keydesk] start failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
