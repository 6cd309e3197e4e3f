// The key-list migrations (natural name collation, list indexes, users.key_count) applied by
// `npm start` to a database that already holds users and keys: nothing is lost, the counts are
// backfilled, the new order holds for the old rows, and each key's last use moves from api_keys
// into a table of its own (key_last_used_order, then key_last_used), names and aliases are folded for search
// (key_search_folded), and the words of names are counted (key_name_words). This file's tests run
// in order.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/setup/migrate";
import { databaseDeployedBefore, type DeployedDatabase } from "@/tests/support/deployed-schema";

const FIRST_KEY_LIST_MIGRATION = "20261202110000_key_name_natural_sort";
let database: DeployedDatabase;
let client: pg.Client;
let applied: string[];

beforeAll(async () => {
  database = await databaseDeployedBefore(FIRST_KEY_LIST_MIGRATION);
  client = database.client;
  await client.query(`
    INSERT INTO users (id, email, name, updated_at) VALUES
      ('u-many', 'many@example.test', 'Many', now()), ('u-none', 'none@example.test', 'None', now());
    INSERT INTO api_keys (id, owner_id, name, start, hash, scopes, last_used_at)
      SELECT 'k-' || i, 'u-many', (ARRAY['key 10', 'Zeta', 'key 9', 'alpha'])[i], 'kd_' || i, md5(i::text), '{keys:read}',
        CASE WHEN i % 2 = 0 THEN timestamp '2026-11-01 00:00:00' + i * interval '1 hour' END
      FROM generate_series(1, 4) AS i;`);
  applied = await migrate(database.url);
});

afterAll(() => database.drop());

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
  it("fold the existing names and aliases for search, and keep them folded on later writes", async () => {
    const folded = async () =>
      (await client.query(`SELECT id, name_folded, alias_folded FROM api_keys ORDER BY id`)).rows.map(
        (row) => `${row.id}: ${row.name_folded}/${row.alias_folded}`,
      );
    expect(await folded()).toEqual(["k-1: key 10/null", "k-2: zeta/null", "k-3: key 9/null", "k-4: alpha/null"]);
    await client.query(`UPDATE api_keys SET name = 'ÖL Zwei', alias = 'CI-Prod' WHERE id = 'k-2'`);
    await client.query(`UPDATE api_keys SET name = 'Zeta' WHERE id = 'k-2'`);
    expect((await folded())[1]).toBe("k-2: zeta/ci-prod");
  });

  it("move each key's last use out of api_keys into key_last_used, which follows later writes", async () => {
    const lastUses = async () =>
      (
        await client.query(
          `SELECT key_id, owner_id, to_char(last_used_at, 'YYYY-MM-DD HH24:MI') AS used FROM key_last_used ORDER BY key_id`,
        )
      ).rows;
    expect(await lastUses()).toEqual([
      { key_id: "k-1", owner_id: "u-many", used: null },
      { key_id: "k-2", owner_id: "u-many", used: "2026-11-01 02:00" },
      { key_id: "k-3", owner_id: "u-many", used: null },
      { key_id: "k-4", owner_id: "u-many", used: "2026-11-01 04:00" },
    ]);
    const { rows: columns } = await client.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'api_keys' AND column_name = 'last_used_at'`,
    );
    expect(columns).toEqual([]);
    await client.query(`UPDATE key_last_used SET last_used_at = timestamp '2026-12-01 09:30:00' WHERE key_id = 'k-1'`);
    await client.query(`UPDATE api_keys SET name = 'renamed' WHERE id = 'k-4'`);
    await client.query(`DELETE FROM api_keys WHERE id = 'k-3'`);
    await client.query(
      `INSERT INTO api_keys (id, owner_id, name, start, hash, scopes) VALUES ('k-5', 'u-none', 'new', 'kd_5', md5('5'), '{}')`,
    );
    expect(await lastUses()).toEqual([
      { key_id: "k-1", owner_id: "u-many", used: "2026-12-01 09:30" },
      { key_id: "k-2", owner_id: "u-many", used: "2026-11-01 02:00" },
      { key_id: "k-4", owner_id: "u-many", used: "2026-11-01 04:00" },
      { key_id: "k-5", owner_id: "u-none", used: null },
    ]);
  });

  it("count the words of the existing names, and keep the counts through the writes since", async () => {
    // Counted at migration from "key 10", "Zeta", "key 9" and "alpha"; since then "Zeta" was renamed
    // twice (back to itself), "alpha" became "renamed", "key 9" was deleted and "new" inserted.
    const { rows } = await client.query(`SELECT owner_id, word, keys FROM key_name_words ORDER BY owner_id, word`);
    expect(rows).toEqual([
      { owner_id: "u-many", word: "key", keys: 1 },
      { owner_id: "u-many", word: "renamed", keys: 1 },
      { owner_id: "u-many", word: "zeta", keys: 1 },
      { owner_id: "u-none", word: "new", keys: 1 },
    ]);
  });
});
