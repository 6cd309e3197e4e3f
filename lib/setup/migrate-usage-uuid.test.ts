// Migration key_usage_uuid_key_ids applied by `npm start` to a database that already holds counts:
// key_usage and recently_deleted_keys turn their text key ids into uuids, every count kept, and the
// delete trigger goes on removing a deleted key's counts, whatever its id.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/setup/migrate";
import { databaseDeployedBefore, type DeployedDatabase } from "@/tests/support/deployed-schema";

const UUID_MIGRATION = "20261202235000_key_usage_uuid_key_ids";
const [counted, listed] = [randomUUID(), randomUUID()];
let database: DeployedDatabase;
let client: pg.Client;
let applied: string[];

beforeAll(async () => {
  database = await databaseDeployedBefore(UUID_MIGRATION);
  client = database.client;
  await client.query(
    `INSERT INTO users (id, email, name, updated_at) VALUES ('u-1', 'one@example.test', 'One', now())`,
  );
  await client.query(
    `INSERT INTO api_keys (id, owner_id, name, start, hash, scopes)
     VALUES ($1, 'u-1', 'counted', 'kd_1', md5('1'), '{}'), ('k-2', 'u-1', 'hand-made', 'kd_2', md5('2'), '{}')`,
    [counted],
  );
  await client.query(
    `INSERT INTO key_usage (key_id, hour, valid, revoked)
     VALUES ($1, '2026-12-01 10:00', 7, 1), ($1, '2026-12-01 11:00', 2, 0), ('k-2', '2026-12-01 10:00', 5, 0)`,
    [counted],
  );
  await client.query(`INSERT INTO recently_deleted_keys (id) VALUES ($1), ('k-3')`, [listed]);
  applied = await migrate(database.url);
});

afterAll(() => database.drop());

describe("migration key_usage_uuid_key_ids on an existing database", () => {
  it("stores key ids as uuids and keeps every count of a uuid id", async () => {
    expect(applied[0]).toBe(UUID_MIGRATION);
    const types = await client.query(
      `SELECT table_name, data_type FROM information_schema.columns
       WHERE (table_name, column_name) IN (('key_usage', 'key_id'), ('recently_deleted_keys', 'id')) ORDER BY 1`,
    );
    expect(types.rows).toEqual([
      { table_name: "key_usage", data_type: "uuid" },
      { table_name: "recently_deleted_keys", data_type: "uuid" },
    ]);
    const rows = await client.query(
      `SELECT key_id::text, to_char("hour", 'HH24') AS hour, valid, revoked FROM key_usage ORDER BY 2`,
    );
    // k-2's row cannot be converted (a key inserted by hand) and is dropped.
    expect(rows.rows).toEqual([
      { key_id: counted, hour: "10", valid: 7, revoked: 1 },
      { key_id: counted, hour: "11", valid: 2, revoked: 0 },
    ]);
    const ids = await client.query(`SELECT id::text FROM recently_deleted_keys`);
    expect(ids.rows).toEqual([{ id: listed }]);
  });

  it("still deletes a key whose id is not a uuid, and a uuid key's counts with it", async () => {
    expect((await client.query(`DELETE FROM api_keys WHERE id = 'k-2'`)).rowCount).toBe(1);
    await client.query(`DELETE FROM api_keys WHERE id = $1`, [counted]);
    expect((await client.query(`SELECT count(*)::int AS n FROM key_usage`)).rows).toEqual([{ n: 0 }]);
    const ids = await client.query(`SELECT id::text FROM recently_deleted_keys ORDER BY 1`);
    expect(ids.rows).toEqual([{ id: counted }, { id: listed }].sort((a, b) => (a.id < b.id ? -1 : 1)));
  });
});
