#!/usr/bin/env node
// `keydesk` (package bin): runs the TypeScript CLI under tsx. The react-server condition makes
// the services' `server-only` marker resolve to its empty server build, as it does inside Next.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const child = spawn(
  process.execPath,
  [
    "--conditions=react-server",
    "--import",
    import.meta.resolve("tsx"),
    path.join(root, "bin", "keydesk-cli.ts"),
    ...process.argv.slice(2),
  ],
  { stdio: "inherit", env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") } },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
