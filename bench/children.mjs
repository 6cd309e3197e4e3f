// The processes of bench/verify.mjs: servers started as children that announce `READY …` on
// stdout, stopped with SIGTERM (SIGKILL after a grace period), and the production build they need.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Starts a child and resolves with the fields of its `READY …` line. */
export function startChild(name, args, env = process.env) {
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

export function stopChild(child, timeoutMs = 20_000) {
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

export function ensureBuild() {
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
