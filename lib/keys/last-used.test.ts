// SPEC §3: verification records last_used_at at most once a minute per key, in one statement per
// flush. Under many keys that is one row write per verification, so the write must stay cheap: it
// goes to the narrow table key_last_used (migration key_last_used), never to api_keys, which every
// verify lookup and every list reads.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { flushKeyUses, recordKeyUse } from "@/lib/keys/last-used";
import { createUser, keyFor } from "@/tests/support/fixtures";

const lastUses = async (ownerId: string) =>
  new Map(
    (await db.keyLastUsed.findMany({ where: { ownerId } })).map((row) => [
      row.keyId,
      row.lastUsedAt?.toISOString() ?? null,
    ]),
  );

describe("last-used writes", () => {
  it("write each used key's time, to the millisecond; a new key has a row, never used", async () => {
    const user = await createUser();
    const [used, unused] = [await keyFor(user), await keyFor(user)];
    const at = Date.parse("2026-12-02T10:11:12.345Z");
    recordKeyUse(used.id, at);
    await flushKeyUses();
    expect(await lastUses(user.id)).toEqual(
      new Map([
        [used.id, "2026-12-02T10:11:12.345Z"],
        [unused.id, null],
      ]),
    );
  });

  it("leave the key's api_keys row as it was: not one new row version", async () => {
    const user = await createUser();
    const key = await keyFor(user);
    const version = () => db.$queryRaw<[{ xmin: string }]>`SELECT xmin::text FROM api_keys WHERE id = ${key.id}`;
    const before = await version();
    recordKeyUse(key.id, Date.parse("2026-12-02T12:00:00.000Z"));
    await flushKeyUses();
    expect((await lastUses(user.id)).get(key.id)).toBe("2026-12-02T12:00:00.000Z");
    expect(await version()).toEqual(before);
    const columns = await db.$queryRaw<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'api_keys' AND column_name = 'last_used_at'`;
    expect(columns).toEqual([]);
  });

  it("skip a row another transaction holds instead of waiting for it (no deadlock between flushers)", async () => {
    const user = await createUser();
    const [held, free] = [await keyFor(user), await keyFor(user)];
    const other = new pg.Client({ connectionString: config().DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT key_id FROM key_last_used WHERE key_id = $1 FOR UPDATE", [held.id]);
      const at = Date.parse("2026-12-02T11:00:00.000Z");
      recordKeyUse(held.id, at);
      recordKeyUse(free.id, at);
      // Waiting on the held row would never end while this test holds it.
      await flushKeyUses();
      await other.query("COMMIT");
    } finally {
      await other.end();
    }
    expect(await lastUses(user.id)).toEqual(
      new Map([
        [held.id, null],
        [free.id, "2026-12-02T11:00:00.000Z"],
      ]),
    );
  });

  it("follow a key to another owner, and go with a deleted key", async () => {
    const [first, second] = [await createUser(), await createUser()];
    const [moved, deleted] = [await keyFor(first), await keyFor(first)];
    recordKeyUse(moved.id, Date.parse("2026-12-02T13:00:00.000Z"));
    await flushKeyUses();
    await db.apiKey.update({ where: { id: moved.id }, data: { ownerId: second.id } });
    await db.apiKey.delete({ where: { id: deleted.id } });
    expect(await lastUses(first.id)).toEqual(new Map());
    expect(await lastUses(second.id)).toEqual(new Map([[moved.id, "2026-12-02T13:00:00.000Z"]]));
  });
});
