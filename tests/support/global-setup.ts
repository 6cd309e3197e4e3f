// One throwaway PostgreSQL for the whole run, with a migrated template database that each
// test file copies (CREATE DATABASE … TEMPLATE, ≈ 0.3 s) so files never see each other's rows.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/setup/embedded-db";
import { migrate } from "@/lib/setup/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export const TEMPLATE_DATABASE = "keydesk_template";

export default async function setup(project: TestProject) {
  await mkdir(path.join(process.cwd(), ".tmp"), { recursive: true });
  const dataDir = await mkdtemp(path.join(process.cwd(), ".tmp", "test-pg-"));
  const database = await startEmbeddedPostgres({ dataDir, throwaway: true });
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  await migrate(database.url.replace(/\/keydesk$/, `/${TEMPLATE_DATABASE}`));
  project.provide("postgresUrl", database.url);
  return async () => {
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
