// The verification cache and last-used bookkeeping: a hit costs no query, a change committed by
// any process (here: an independent connection) reaches this process's cache through the
// triggers' NOTIFY, and last_used_at is written at most once a minute, never once per call.
import type pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { keyCache } from "@/lib/keys/key-cache";
import { flushKeyUses } from "@/lib/keys/last-used";
import { answerVerify } from "@/lib/keys/verify-endpoint";
import { revokeKey } from "@/lib/keys/service";
import { keyLookup } from "@/lib/keys/verify-lookup";
import { verifyKey } from "@/lib/keys/verify";
import { callerFor, createUser, keyFor } from "@/tests/support/fixtures";
import { otherProcessConnection } from "@/tests/support/key-routes";

let other: pg.Client;

beforeAll(async () => {
  // Until the listener is connected nothing is cached (a missed NOTIFY must not keep a key alive).
  await keyCache().listen();
  other = await otherProcessConnection();
});

afterAll(() => other.end());

afterEach(() => vi.restoreAllMocks());

const reasonOf = async (secret: string) => {
  const result = await verifyKey(secret);
  return result.valid ? "valid" : result.reason;
};

/** A key verified once, so it is in the cache; proves the second verification costs no query. */
async function cachedKey() {
  const user = await createUser();
  const { id, secret } = await keyFor(user);
  const sizeBefore = keyCache().size;
  const query = vi.spyOn(keyLookup, "byHash");
  expect(await reasonOf(secret)).toBe("valid");
  expect(query).toHaveBeenCalledTimes(1);
  expect(keyCache().size).toBe(sizeBefore + 1);
  expect(await reasonOf(secret)).toBe("valid");
  expect(query).toHaveBeenCalledTimes(1);
  query.mockRestore();
  return { user, id, secret };
}

// Raw SQL here writes UTC, as Prisma does, whatever the server's TimeZone setting.
// Within a second, as the brief requires; in practice the notification takes a few milliseconds.
const soon = { timeout: 1_000, interval: 10 };

describe("the verification cache", () => {
  it("serves a verified key from memory: one indexed read, then none", async () => {
    const { secret } = await cachedKey();
    const query = vi.spyOn(keyLookup, "byHash");
    for (let i = 0; i < 20; i++) expect(await reasonOf(secret)).toBe("valid");
    expect(query).not.toHaveBeenCalled();
  });

  it("drops a key revoked by another process", async () => {
    const { id, secret } = await cachedKey();
    await other.query(`UPDATE api_keys SET revoked_at = (now() AT TIME ZONE 'UTC') WHERE id = $1`, [id]);
    await expect.poll(() => reasonOf(secret), soon).toBe("revoked");
  });

  it("drops a key whose owner another process disabled", async () => {
    const { user, secret } = await cachedKey();
    await other.query(`UPDATE users SET disabled = true WHERE id = $1`, [user.id]);
    await expect.poll(() => reasonOf(secret), soon).toBe("owner_disabled");
  });

  it("drops a key another process deleted", async () => {
    const { id, secret } = await cachedKey();
    await other.query(`DELETE FROM api_keys WHERE id = $1`, [id]);
    await expect.poll(() => reasonOf(secret), soon).toBe("not_found");
  });

  it("drops a key whose expiry another process moved into the past (as a roll with no grace does)", async () => {
    const { id, secret } = await cachedKey();
    await other.query(
      `UPDATE api_keys SET expires_at = (now() AT TIME ZONE 'UTC') - interval '1 second' WHERE id = $1`,
      [id],
    );
    await expect.poll(() => reasonOf(secret), soon).toBe("expired");
  });

  it("drops every key of a user another process deleted", async () => {
    const { user, secret } = await cachedKey();
    const second = await keyFor(user);
    expect(await reasonOf(second.secret)).toBe("valid");
    await other.query(`DELETE FROM users WHERE id = $1`, [user.id]);
    await expect
      .poll(async () => [await reasonOf(secret), await reasonOf(second.secret)], soon)
      .toEqual(["not_found", "not_found"]);
  });

  it("keeps a key cached through changes that do not affect verification", async () => {
    const { id, secret } = await cachedKey();
    await other.query(`UPDATE api_keys SET name = 'renamed' WHERE id = $1`, [id]);
    await other.query(`UPDATE key_last_used SET last_used_at = (now() AT TIME ZONE 'UTC') WHERE key_id = $1`, [id]);
    // A notification, had the trigger sent one, would have arrived well within this pause.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const query = vi.spyOn(keyLookup, "byHash");
    expect(await reasonOf(secret)).toBe("valid");
    expect(query).not.toHaveBeenCalled();
  });
});

describe("the serialized verify answer", () => {
  const answerFor = async (secret: string) =>
    JSON.parse((await answerVerify(JSON.stringify({ key: secret }), "application/json")).json);

  it("follows a change to the owner's role, though a valid answer is serialized once per cached key", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const { secret } = await keyFor(admin, ["keys:read", "admin"]);
    expect((await answerFor(secret)).data.scopes).toEqual(["keys:read", "admin"]);
    expect((await answerFor(secret)).data.scopes).toEqual(["keys:read", "admin"]);
    await other.query(`UPDATE users SET role = 'USER' WHERE id = $1`, [admin.id]);
    await expect.poll(async () => (await answerFor(secret)).data.scopes, soon).toEqual(["keys:read"]);
  });

  it("turns into the revoked answer once another process revokes the key", async () => {
    const { id, secret } = await cachedKey();
    expect(await answerFor(secret)).toMatchObject({ code: 0, data: { valid: true, key_id: id } });
    await other.query(`UPDATE api_keys SET revoked_at = (now() AT TIME ZONE 'UTC') WHERE id = $1`, [id]);
    await expect
      .poll(() => answerFor(secret), soon)
      .toEqual({ code: 0, data: { valid: false, reason: "revoked" }, message: "success" });
  });
});

describe("a verification in flight while the key is revoked", () => {
  it("does not put the revoked key back into the cache", async () => {
    const user = await createUser();
    const { id, secret } = await keyFor(user);
    // Hold the verification's read after it has seen the row, as a slow query or a busy event
    // loop would, and revoke (commit + invalidate + NOTIFY) in that window.
    const realLookup = keyLookup.byHash.bind(keyLookup);
    let rowRead!: () => void;
    let release!: () => void;
    const read = new Promise<void>((resolve) => (rowRead = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    vi.spyOn(keyLookup, "byHash").mockImplementationOnce((hash) =>
      realLookup(hash).then(async (row) => {
        rowRead();
        await gate;
        return row;
      }),
    );
    const inFlight = verifyKey(secret);
    await read;
    await revokeKey(callerFor(user), user.id, id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    // It started before the revoke, so this one answer may still be "valid"…
    await inFlight;
    // …but the revoking call has returned: from now on the key must fail (SPEC §3).
    expect(await reasonOf(secret)).toBe("revoked");
  });
});

describe("last_used_at", () => {
  const lastUsedAt = async (id: string) =>
    (await db.keyLastUsed.findUniqueOrThrow({ where: { keyId: id } })).lastUsedAt;

  it("50 verifications make no write until the flush, and then exactly one", async () => {
    const user = await createUser();
    const { id, secret } = await keyFor(user);
    await flushKeyUses();
    const write = vi.spyOn(db, "$executeRaw");
    for (let i = 0; i < 50; i++) expect(await reasonOf(secret)).toBe("valid");
    expect(write).not.toHaveBeenCalled();
    expect(await lastUsedAt(id)).toBeNull();

    await flushKeyUses();
    expect(write).toHaveBeenCalledTimes(1);
    const first = await lastUsedAt(id);
    expect(Date.now() - first!.getTime()).toBeLessThan(10_000);

    for (let i = 0; i < 50; i++) expect(await reasonOf(secret)).toBe("valid");
    await flushKeyUses();
    // Within the minute: nothing queued, so no statement at all, and the stored time stands.
    expect(write).toHaveBeenCalledTimes(1);
    expect(await lastUsedAt(id)).toEqual(first);
  });

  it("is not rewritten within the minute by a process that has not written it itself", async () => {
    const user = await createUser();
    const { id, secret } = await keyFor(user);
    await other.query(
      `UPDATE key_last_used SET last_used_at = (now() AT TIME ZONE 'UTC') - interval '30 seconds' WHERE key_id = $1`,
      [id],
    );
    const recent = await lastUsedAt(id);
    expect(Date.now() - recent!.getTime()).toBeGreaterThan(25_000);
    // This process's tracker starts empty, like a freshly started app instance.
    (globalThis as unknown as { keydeskLastUsed?: unknown }).keydeskLastUsed = undefined;
    expect(await reasonOf(secret)).toBe("valid");
    await flushKeyUses();
    expect(await lastUsedAt(id)).toEqual(recent);
  });

  it("is written again once the stored time is over a minute old", async () => {
    const user = await createUser();
    const { id, secret } = await keyFor(user);
    await other.query(
      `UPDATE key_last_used SET last_used_at = (now() AT TIME ZONE 'UTC') - interval '2 minutes' WHERE key_id = $1`,
      [id],
    );
    expect(await reasonOf(secret)).toBe("valid");
    await flushKeyUses();
    expect(Date.now() - (await lastUsedAt(id))!.getTime()).toBeLessThan(10_000);
  });

  it("is not touched by failed verifications", async () => {
    const user = await createUser();
    const { id, secret } = await keyFor(user);
    await db.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    expect(await reasonOf(secret)).toBe("revoked");
    await flushKeyUses();
    expect(await lastUsedAt(id)).toBeNull();
  });
});
