// `keydesk setup --admin-key` while `npm start` runs: the embedded PostgreSQL already holds the
// data directory, so setup must find that server (postmaster.pid) instead of starting a second.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/setup/embedded-db";
import { hashKey } from "@/lib/keys/format";

const run = promisify(execFile);
let dataDir: string;
let running: EmbeddedDatabase;

function setup(env: Record<string, string>) {
  return run(process.execPath, ["bin/keydesk.mjs", "setup", "--admin-key"], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      ADMIN_EMAIL: "beside@example.test",
      ADMIN_PASSWORD: "operator-password-1",
      ...env,
    },
    timeout: 60_000,
  });
}

beforeAll(async () => {
  // What `npm start` leaves running: an embedded server on its data directory.
  dataDir = await mkdtemp(path.join(process.cwd(), ".tmp", "setup-beside-"));
  running = await startEmbeddedPostgres({ dataDir, throwaway: true });
});

afterAll(async () => {
  await running.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("setup beside a running server", () => {
  it("uses the running embedded PostgreSQL, prints an admin key, and leaves the server running", async () => {
    const { stdout, stderr } = await setup({ KEYDESK_DATA_DIR: dataDir });
    expect(stderr).toContain(`Using the embedded PostgreSQL that is already running on 127.0.0.1:${running.port}`);
    const secret = stdout.trim();
    expect(secret).toMatch(/^kd_[0-9A-Za-z]{38}$/);

    const client = new pg.Client({ connectionString: running.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT u.email, u.role, k.scopes FROM api_keys k JOIN users u ON u.id = k.owner_id WHERE k.hash = $1`,
        [hashKey(secret)],
      );
      expect(rows).toEqual([
        {
          email: "beside@example.test",
          role: "ADMIN",
          scopes: expect.arrayContaining(["admin"]),
        },
      ]);
    } finally {
      await client.end();
    }
  });

  it("fails with one clear sentence, never a stack, when the running server cannot be reached", async () => {
    // A data directory whose postmaster.pid names a live process (this one) on a port nobody serves.
    const stale = await mkdtemp(path.join(process.cwd(), ".tmp", "setup-unreachable-"));
    const port = await freePort();
    await writeFile(path.join(stale, "postmaster.pid"), `${process.pid}\n${stale}\n0\n${port}\n`);
    try {
      const failure = await setup({ KEYDESK_DATA_DIR: stale }).then(
        () => null,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure).toMatchObject({ code: 1, stdout: "" });
      const lines = failure!.stderr.trim().split("\n");
      expect(lines.at(-1)).toMatch(/^\[keydesk\] setup failed: cannot reach PostgreSQL \(.+\); check DATABASE_URL/);
      expect(failure!.stderr).not.toMatch(/^\s+at /m);
      expect(failure!.stderr).not.toContain("triggerUncaughtException");
    } finally {
      await rm(stale, { recursive: true, force: true });
    }
  });
});
