// The key-list migrations (natural name collation, list indexes, users.key_count) applied by
// `npm start` to a database that already holds users and keys: nothing is lost, the counts are
// backfilled, and the new order holds for the old rows.
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { migrate, MIGRATIONS_DIR } from "@/lib/setup/migrate";

const FIRST_KEY_LIST_MIGRATION = "20261202110000_key_name_natural_sort";
const serverUrl = inject("postgresUrl");
const name = `existing_${randomBytes(5).toString("hex")}`;
const url = serverUrl.replace(/\/keydesk$/, `/${name}`);
let client: pg.Client;
let before: string;
let applied: string[];

/** A migrations directory holding only those before the key-list ones: the schema as deployed before. */
async function earlierMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "keydesk-migrations-"));
  for (const entry of await readdir(MIGRATIONS_DIR, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name < FIRST_KEY_LIST_MIGRATION)
      await cp(path.join(MIGRATIONS_DIR, entry.name), path.join(dir, entry.name), { recursive: true });
  }
  return dir;
}

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  before = await earlierMigrations();
  await migrate(url, { dir: before });
  client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`
    INSERT INTO users (id, email, name, updated_at) VALUES
      ('u-many', 'many@example.test', 'Many', now()), ('u-none', 'none@example.test', 'None', now());
    INSERT INTO api_keys (id, owner_id, name, start, hash, scopes)
      SELECT 'k-' || i, 'u-many', (ARRAY['key 10', 'Zeta', 'key 9', 'alpha'])[i], 'kd_' || i, md5(i::text), '{keys:read}'
      FROM generate_series(1, 4) AS i;`);
  applied = await migrate(url);
});

afterAll(async () => {
  await client.end();
  await rm(before, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe("the key-list migrations on an existing database", () => {
  it("apply on top of the deployed schema", () => {
    expect(applied[0]).toBe(FIRST_KEY_LIST_MIGRATION);
    expect(applied).toContain("20261202110200_user_key_count");
  });

  it("keep every key and count each user's", async () => {
    const { rows: users } = await client.query(`SELECT id, key_count FROM users ORDER BY id`);
    expect(users).toEqual([
      { id: "u-many", key_count: 4 },
      { id: "u-none", key_count: 0 },
    ]);
    const { rows: keys } = await client.query(`SELECT id FROM api_keys ORDER BY id`);
    expect(keys.map((key) => key.id)).toEqual(["k-1", "k-2", "k-3", "k-4"]);
  });

  it("order the existing names naturally and case-insensitively", async () => {
    const { rows } = await client.query(`SELECT name FROM api_keys WHERE owner_id = 'u-many' ORDER BY name`);
    expect(rows.map((row) => row.name)).toEqual(["alpha", "key 9", "key 10", "Zeta"]);
  });
});
