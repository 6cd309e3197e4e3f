// `keydesk setup` beside a running `npm start`: the embedded PostgreSQL already holds its data
// directory (a second server would be refused), so setup talks to that one instead.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export type RunningDatabase = { pid: number; port: number; url: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs under another OS user (the `postgres` user the package creates for root).
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

/**
 * The embedded server that runs on `dataDir` now, from PostgreSQL's own postmaster.pid (line 1
 * the pid, line 4 the port), or null when none runs there. A stale file of a crashed server
 * names a dead pid and counts as none: PostgreSQL clears it at its next start.
 */
export function findRunningEmbeddedPostgres(dataDir: string): RunningDatabase | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
    throw new Error(`The embedded PostgreSQL in ${dataDir} is running (pid ${pid}) but its port cannot be read`);
  }
  // The credentials embedded-db.ts gives every embedded server.
  return { pid, port, url: `postgresql://keydesk:keydesk@127.0.0.1:${port}/keydesk` };
}
