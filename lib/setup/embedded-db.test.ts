// The embedded server keeps its address across restarts (SPEC §7 KEYDESK_DB_PORT): the port it
// chose first is remembered in its data directory; one taken by another program is reported and
// replaced; a configured port wins. A throwaway server of this file's own, not the shared one.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres } from "@/lib/setup/embedded-db";
import { configuredDatabasePort } from "@/lib/setup/prepare";

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(process.cwd(), ".tmp", "port-pg-"));
});

afterAll(() => rm(dataDir, { recursive: true, force: true }));

const start = (options: { port?: number; log?: (line: string) => void } = {}) =>
  startEmbeddedPostgres({ dataDir, throwaway: true, keepData: true, ...options });

async function answers(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ one: number }>("SELECT 1 AS one");
  await client.end();
  return rows[0].one;
}

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

describe("the embedded PostgreSQL's port", () => {
  it(
    "stays the same across restarts, moves when another program holds it, and follows KEYDESK_DB_PORT",
    { timeout: 60_000 },
    async () => {
      const first = await start();
      expect(await answers(first.url)).toBe(1);
      expect(Number(await readFile(path.join(dataDir, "keydesk-port"), "utf8"))).toBe(first.port);
      await first.stop();

      const again = await start();
      expect(again.port).toBe(first.port);
      expect(again.url).toBe(first.url);
      await again.stop();

      const squatter = await occupy(first.port);
      const lines: string[] = [];
      const moved = await start({ log: (line) => lines.push(line) });
      squatter.close();
      expect(moved.port).not.toBe(first.port);
      expect(await answers(moved.url)).toBe(1);
      expect(lines.join("\n")).toContain(`Port ${first.port}`);
      await moved.stop();
      // The new port is the one remembered from now on.
      const afterMove = await start();
      expect(afterMove.port).toBe(moved.port);
      await afterMove.stop();

      const configured = await freePort();
      const chosen = await start({ port: configured });
      expect(chosen.port).toBe(configured);
      expect(await answers(chosen.url)).toBe(1);
      await chosen.stop();

      const taken = await occupy(configured);
      await expect(start({ port: configured })).rejects.toThrow(`KEYDESK_DB_PORT ${configured} is already in use`);
      taken.close();
    },
  );

  it("reads KEYDESK_DB_PORT as a port number or stops with a message naming it", () => {
    expect(configuredDatabasePort(undefined)).toBeUndefined();
    expect(configuredDatabasePort("")).toBeUndefined();
    expect(configuredDatabasePort("5433")).toBe(5433);
    expect(() => configuredDatabasePort("54x")).toThrow('KEYDESK_DB_PORT must be a port number (1–65535), not "54x"');
    expect(() => configuredDatabasePort("70000")).toThrow("KEYDESK_DB_PORT");
  });
});
