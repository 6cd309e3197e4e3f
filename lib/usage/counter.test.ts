// Verification counting against the real database: outcomes add up per key and hour in memory,
// one flush upserts them, later flushes add to the stored rows, and old hours are pruned.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyKey, type VerifyResult } from "@/lib/keys/verify";
import { countVerification, flushUsageCounts, HOUR_MS, pruneUsage } from "@/lib/usage/counter";
import { usageSeries } from "@/lib/usage/series";
import { createUser, keyFor } from "@/tests/support/fixtures";

const DAY_MS = 24 * HOUR_MS;
const startOfHour = (at: number) => new Date(at - (at % HOUR_MS));

async function storedRows(keyId: string) {
  return db.keyUsage.findMany({
    where: { keyId },
    select: { hour: true, valid: true, revoked: true, expired: true, ownerDisabled: true },
    orderBy: { hour: "asc" },
  });
}

describe("verification counting", () => {
  it("counts each verification of a found key by outcome and writes nothing until a flush", async () => {
    const user = await createUser();
    const working = await keyFor(user);
    const revoked = await keyFor(user);
    await db.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    for (let i = 0; i < 5; i++) expect(await verifyKey(working.secret)).toMatchObject({ valid: true });
    for (let i = 0; i < 3; i++) expect(await verifyKey(revoked.secret)).toMatchObject({ reason: "revoked" });
    expect(await storedRows(working.id)).toEqual([]);

    await flushUsageCounts();
    const hour = startOfHour(Date.now());
    expect(await storedRows(working.id)).toEqual([{ hour, valid: 5, revoked: 0, expired: 0, ownerDisabled: 0 }]);
    expect(await storedRows(revoked.id)).toEqual([{ hour, valid: 0, revoked: 3, expired: 0, ownerDisabled: 0 }]);
  });

  it("adds later flushes to the stored row and keeps hours apart", async () => {
    const user = await createUser();
    const { id } = await keyFor(user);
    const now = Date.now();
    const earlier = now - 2 * HOUR_MS;
    countVerification(id, { valid: false, reason: "expired" }, earlier);
    countVerification(id, { valid: false, reason: "owner_disabled" }, now);
    await flushUsageCounts();
    countVerification(id, { valid: false, reason: "expired" }, earlier);
    countVerification(id, { valid: false, reason: "expired" }, earlier);
    await flushUsageCounts();

    expect(await storedRows(id)).toEqual([
      { hour: startOfHour(earlier), valid: 0, revoked: 0, expired: 3, ownerDisabled: 0 },
      { hour: startOfHour(now), valid: 0, revoked: 0, expired: 0, ownerDisabled: 1 },
    ]);
  });

  it("updates a stored row in place, on its own page (key_usage keeps room for increments)", async () => {
    const user = await createUser();
    // Enough rows to fill more than one page, as a busy hour does.
    const ids = Array.from({ length: 150 }, () => crypto.randomUUID());
    await db.apiKey.createMany({
      data: ids.map((id, i) => ({ id, ownerId: user.id, name: `row ${i}`, start: "kd_page", hash: id, scopes: [] })),
    });
    const at = Date.now();
    for (const id of ids) countVerification(id, { valid: true } as VerifyResult, at);
    await flushUsageCounts();
    const updated = ids.slice(0, 10);
    const pagesOf = async () =>
      db.$queryRaw<{ key_id: string; page: number }[]>`
        SELECT key_id, (ctid::text::point)[0]::int AS page FROM key_usage WHERE key_id = ANY(${updated}) ORDER BY key_id`;
    const before = await pagesOf();
    for (const id of updated) countVerification(id, { valid: true } as VerifyResult, at);
    await flushUsageCounts();
    // In a full page the new version of a row goes to another page (and a new index entry).
    expect(await pagesOf()).toEqual(before);
    expect((await storedRows(updated[0]!))[0]).toMatchObject({ valid: 2 });
  });

  it("does not count keys that were not found or malformed", async () => {
    const user = await createUser();
    const { id } = await keyFor(user);
    countVerification(id, { valid: false, reason: "not_found" }, Date.now());
    countVerification(id, { valid: false, reason: "malformed" }, Date.now());
    await flushUsageCounts();
    expect(await storedRows(id)).toEqual([]);
  });

  it("drops the counts of a key deleted before the flush and still writes the others", async () => {
    const user = await createUser();
    const kept = await keyFor(user);
    const deleted = await keyFor(user);
    countVerification(kept.id, { valid: false, reason: "revoked" }, Date.now());
    countVerification(deleted.id, { valid: false, reason: "revoked" }, Date.now());
    await db.apiKey.delete({ where: { id: deleted.id } });
    await flushUsageCounts();
    expect(await storedRows(kept.id)).toMatchObject([{ revoked: 1 }]);
    expect(await db.keyUsage.count({ where: { keyId: deleted.id } })).toBe(0);
  });

  // The flush leaves out the ids the delete trigger lists (migration recently_deleted_keys), which
  // are needed only while some process may still hold counts of them.
  it("lists a deleted key's id for ten minutes, its owner's cascade included", async () => {
    const user = await createUser();
    const [own, cascaded] = [await keyFor(user), await keyFor(user)];
    const [trimmedByDelete, trimmedByFlush] = [crypto.randomUUID(), crypto.randomUUID()];
    const listLongAgo = (id: string) =>
      db.$executeRaw`INSERT INTO recently_deleted_keys (id, deleted_at) VALUES (${id}, now() - interval '11 minutes')`;
    const listed = async (ids: string[]) =>
      (
        await db.$queryRaw<{ id: string }[]>`SELECT id FROM recently_deleted_keys WHERE id = ANY(${ids}) ORDER BY id`
      ).map((row) => row.id);
    await listLongAgo(trimmedByDelete);
    await db.apiKey.delete({ where: { id: own.id } });
    expect(await listed([own.id, cascaded.id, trimmedByDelete])).toEqual([own.id]);
    await db.user.delete({ where: { id: user.id } });
    expect(await listed([own.id, cascaded.id])).toEqual([own.id, cascaded.id].sort());

    await listLongAgo(trimmedByFlush);
    const counted = await keyFor(await createUser());
    countVerification(counted.id, { valid: true } as VerifyResult, Date.now());
    await flushUsageCounts();
    expect(await listed([own.id, trimmedByFlush])).toEqual([own.id]);
    expect(await storedRows(counted.id)).toMatchObject([{ valid: 1 }]);
  });

  it("prunes hours older than USAGE_RETENTION_DAYS (90 by default) and keeps the rest", async () => {
    const user = await createUser();
    const { id } = await keyFor(user);
    const now = Date.now();
    await db.keyUsage.createMany({
      data: [
        { keyId: id, hour: startOfHour(now - 91 * DAY_MS), valid: 1 },
        { keyId: id, hour: startOfHour(now - 89 * DAY_MS), valid: 2 },
      ],
    });
    expect(await pruneUsage(now)).toBe(1);
    expect(await storedRows(id)).toMatchObject([{ valid: 2 }]);
  });

  // What a flush writes per new key and hour (migration key_usage_lean): a row and its primary-key
  // entry, with no foreign-key check locking the key's row and no B-tree entry by hour.
  it("writes rows with no foreign key and a BRIN index by hour, and a deleted owner's keys take theirs", async () => {
    const constraints = await db.$queryRaw<{ contype: string }[]>`
      SELECT contype::text FROM pg_constraint WHERE conrelid = 'key_usage'::regclass AND contype <> 'n' ORDER BY contype`;
    expect(constraints).toEqual([{ contype: "p" }]);
    const indexes = await db.$queryRaw<{ name: string; method: string }[]>`
      SELECT c.relname::text AS name, a.amname::text AS method FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      JOIN pg_am a ON a.oid = c.relam WHERE i.indrelid = 'key_usage'::regclass ORDER BY 1`;
    expect(indexes).toEqual([
      { name: "key_usage_hour_idx", method: "brin" },
      { name: "key_usage_pkey", method: "btree" },
    ]);
    const user = await createUser();
    const [first, second] = [await keyFor(user), await keyFor(user)];
    for (const { id } of [first, second]) countVerification(id, { valid: false, reason: "revoked" }, Date.now());
    await flushUsageCounts();
    expect(await db.keyUsage.count({ where: { keyId: { in: [first.id, second.id] } } })).toBe(2);
    await db.user.delete({ where: { id: user.id } });
    expect(await db.keyUsage.count({ where: { keyId: { in: [first.id, second.id] } } })).toBe(0);
  });

  // key_usage keeps key ids as uuids (migration key_usage_uuid_key_ids), as Keydesk makes them;
  // api_keys.id is text, so an id that is not a uuid must neither fail a flush nor block a delete.
  it("writes the other counts, reads none, and still deletes a key whose id is not a uuid", async () => {
    const user = await createUser();
    const counted = await keyFor(user);
    await db.$executeRaw`
      INSERT INTO api_keys (id, owner_id, name, start, hash, scopes)
      VALUES ('imported-key', ${user.id}, 'imported', 'kd_imported', md5(${user.id}), '{}')`;
    for (const id of ["imported-key", counted.id]) countVerification(id, { valid: true } as VerifyResult, Date.now());
    await flushUsageCounts();
    expect(await storedRows(counted.id)).toMatchObject([{ valid: 1 }]);
    const lastDay = { from: new Date(Date.now() - DAY_MS), to: new Date(), granularity: "hour" } as const;
    expect((await usageSeries(lastDay, "imported-key")).totals.total).toBe(0);
    expect(await db.apiKey.deleteMany({ where: { id: "imported-key" } })).toEqual({ count: 1 });
    await db.apiKey.delete({ where: { id: counted.id } });
    expect(await storedRows(counted.id)).toEqual([]);
  });
});
