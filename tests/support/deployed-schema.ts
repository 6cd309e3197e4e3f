// For tests of migrations on existing data: a database of its own holding the schema as deployed
// before a given migration, to seed with rows of that time and then migrate the rest of the way.
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { migrate, MIGRATIONS_DIR } from "@/lib/setup/migrate";

export type DeployedDatabase = {
  url: string;
  client: pg.Client;
  /** Ends the client and drops the database. */
  drop(): Promise<void>;
};

/** A new database migrated with every migration named before `firstNew`, and a client on it. */
export async function databaseDeployedBefore(firstNew: string): Promise<DeployedDatabase> {
  const serverUrl = inject("postgresUrl");
  const name = `deployed_${randomBytes(5).toString("hex")}`;
  const url = serverUrl.replace(/\/keydesk$/, `/${name}`);
  const withAdmin = async (sql: string) => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(sql);
    await admin.end();
  };
  await withAdmin(`CREATE DATABASE ${name}`);
  const earlier = await mkdtemp(path.join(tmpdir(), "keydesk-migrations-"));
  try {
    for (const entry of await readdir(MIGRATIONS_DIR, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name < firstNew)
        await cp(path.join(MIGRATIONS_DIR, entry.name), path.join(earlier, entry.name), { recursive: true });
    }
    await migrate(url, { dir: earlier });
  } finally {
    await rm(earlier, { recursive: true, force: true });
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    url,
    client,
    async drop() {
      await client.end();
      await withAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
