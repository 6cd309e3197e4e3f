// SPEC §3: verification records last_used_at at most once a minute per key, in one statement per
// flush. Under many keys that is one row write per verification, so the write must stay cheap: a
// heap-only (HOT) update of api_keys, which PostgreSQL can make only while no index of api_keys
// covers last_used_at and its pages have room (fillfactor). The last-used sorts read
// key_last_used_order instead, kept in step by triggers.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { flushKeyUses, recordKeyUse } from "@/lib/keys/last-used";
import { createUser, keyFor } from "@/tests/support/fixtures";

describe("last-used writes", () => {
  it("write each used key's time, to the millisecond, and the last-used order with it", async () => {
    const user = await createUser();
    const [used, unused] = [await keyFor(user), await keyFor(user)];
    const at = Date.parse("2026-12-02T10:11:12.345Z");
    recordKeyUse(used.id, at);
    await flushKeyUses();
    const rows = await db.apiKey.findMany({ where: { ownerId: user.id }, select: { id: true, lastUsedAt: true } });
    expect(new Map(rows.map((row) => [row.id, row.lastUsedAt?.toISOString() ?? null]))).toEqual(
      new Map([
        [used.id, "2026-12-02T10:11:12.345Z"],
        [unused.id, null],
      ]),
    );
    const order = await db.$queryRaw<{ key_id: string; used: Date | null }[]>`
      SELECT key_id, last_used_at AT TIME ZONE 'UTC' AS used FROM key_last_used_order WHERE owner_id = ${user.id}`;
    expect(new Map(order.map((row) => [row.key_id, row.used?.toISOString() ?? null]))).toEqual(
      new Map([
        [used.id, "2026-12-02T10:11:12.345Z"],
        [unused.id, null],
      ]),
    );
  });

  it("skip a row another transaction holds instead of waiting for it (no deadlock between flushers)", async () => {
    const user = await createUser();
    const [held, free] = [await keyFor(user), await keyFor(user)];
    const other = new pg.Client({ connectionString: config().DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT id FROM api_keys WHERE id = $1 FOR UPDATE", [held.id]);
      const at = Date.parse("2026-12-02T11:00:00.000Z");
      recordKeyUse(held.id, at);
      recordKeyUse(free.id, at);
      // Waiting on the held row would never end while this test holds it.
      await flushKeyUses();
      await other.query("COMMIT");
    } finally {
      await other.end();
    }
    const rows = await db.apiKey.findMany({ where: { ownerId: user.id }, select: { id: true, lastUsedAt: true } });
    expect(new Map(rows.map((row) => [row.id, row.lastUsedAt?.toISOString() ?? null]))).toEqual(
      new Map([
        [held.id, null],
        [free.id, "2026-12-02T11:00:00.000Z"],
      ]),
    );
  });

  it("are heap-only updates: no index of api_keys covers last_used_at, and its pages keep room", async () => {
    const indexes = await db.$queryRaw<{ definition: string }[]>`
      SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid = 'api_keys'::regclass`;
    expect(indexes.length).toBeGreaterThanOrEqual(10);
    expect(indexes.filter((index) => index.definition.includes("last_used_at"))).toEqual([]);
    const [table] = await db.$queryRaw<{ options: string[] }[]>`
      SELECT reloptions AS options FROM pg_class WHERE oid = 'api_keys'::regclass`;
    expect(table!.options).toEqual(["fillfactor=50"]);
  });

  // A flush may write the last use of every key on a page: each new row version must fit beside
  // the old ones, which (still seen by this transaction) cannot be pruned to make room.
  it("stay heap-only when one statement writes the last use of every key on a page", async () => {
    const user = await createUser();
    // The backend's not yet reported counts of earlier transactions are in these too: hence the difference.
    const writes = await db.$transaction(async (tx) => {
      const counts = () => tx.$queryRaw<[{ updated: number; hot: number }]>`
        SELECT pg_stat_get_xact_tuples_updated('api_keys'::regclass)::integer AS updated,
               pg_stat_get_xact_tuples_hot_updated('api_keys'::regclass)::integer AS hot`;
      await tx.$executeRaw`
        INSERT INTO api_keys (id, owner_id, name, start, hash, scopes)
        SELECT gen_random_uuid()::text, ${user.id}, 'deploy-eu key ' || i, 'kd_page' || i, md5(${user.id} || i), '{keys:read}'
        FROM generate_series(1, 60) AS i`;
      const [before] = await counts();
      await tx.$executeRaw`UPDATE api_keys SET last_used_at = now() AT TIME ZONE 'UTC' WHERE owner_id = ${user.id}`;
      const [after] = await counts();
      return { updated: after.updated - before.updated, hot: after.hot - before.hot };
    });
    expect(writes).toEqual({ updated: 60, hot: 60 });
  });
});
