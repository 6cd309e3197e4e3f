import path from "node:path";
import { prepareEnvFile } from "@/lib/setup/env-file";
import { startEmbeddedPostgres } from "@/lib/setup/embedded-db";
import { findRunningEmbeddedPostgres } from "@/lib/setup/running-db";
import { migrate } from "@/lib/setup/migrate";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

/** KEYDESK_DB_PORT, when set: a port number, or the start stops with a message naming it. */
export function configuredDatabasePort(value = process.env.KEYDESK_DB_PORT): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`KEYDESK_DB_PORT must be a port number (1–65535), not "${value}"`);
  return port;
}

export type Prepared = { databaseUrl: string; embedded: boolean; stop: () => Promise<void> };

/**
 * What every start does first: secrets in .env.local, a database (the embedded one unless
 * DATABASE_URL is set), and migrations. Each step says what it is doing.
 */
export async function prepareDatabase(log: (line: string) => void): Promise<Prepared> {
  prepareEnvFile(path.join(PROJECT_ROOT, ".env.local"), log);
  let stop = async () => {};
  let embedded = false;
  const dataDir = process.env.KEYDESK_DATA_DIR || path.join(PROJECT_ROOT, ".data", "postgres");
  const running = process.env.DATABASE_URL ? null : findRunningEmbeddedPostgres(dataDir);
  if (running) {
    // `npm start` (or another setup) holds the data directory: use its server, and leave it running.
    log(`Using the embedded PostgreSQL that is already running on 127.0.0.1:${running.port} (pid ${running.pid})`);
    process.env.DATABASE_URL = running.url;
  } else if (!process.env.DATABASE_URL) {
    log(`Starting the embedded PostgreSQL (data in ${path.relative(PROJECT_ROOT, dataDir) || dataDir})`);
    const database = await startEmbeddedPostgres({ dataDir, port: configuredDatabasePort(), log });
    process.env.DATABASE_URL = database.url;
    stop = database.stop;
    embedded = true;
    log(`Embedded PostgreSQL is listening on 127.0.0.1:${database.port}`);
  } else {
    log("Using the PostgreSQL at DATABASE_URL");
  }
  log("Applying database migrations");
  const applied = await migrate(process.env.DATABASE_URL!, { log: (line) => log(`  ${line}`) });
  log(applied.length ? `Applied ${applied.length} migration(s)` : "Database schema is up to date");
  return { databaseUrl: process.env.DATABASE_URL!, embedded, stop };
}
