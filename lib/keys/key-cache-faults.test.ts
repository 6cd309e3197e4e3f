// The key cache's answers to SPEC §3 beyond the happy path: an unknown key costs one database
// read per window (the negative cache), a key created anywhere is never hidden by it, a revoke
// returns only after its notification went out, and a listener that reconnects starts empty.
import type pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { generateKey, hashKey, keyStart } from "@/lib/keys/format";
import { KEY_CHANGE_CHANNEL, keyCache, LISTENER_APPLICATION_NAME, TRUST_WINDOW_MS } from "@/lib/keys/key-cache";
import { revokeKey } from "@/lib/keys/service";
import { verifyKey } from "@/lib/keys/verify";
import { callerFor, createUser, keyFor } from "@/tests/support/fixtures";
import { otherProcessConnection } from "@/tests/support/key-routes";

let other: pg.Client;

beforeAll(async () => {
  await keyCache().listen();
  other = await otherProcessConnection();
});

afterAll(() => other.end());

afterEach(() => vi.restoreAllMocks());

const reasonOf = async (secret: string) => {
  const result = await verifyKey(secret);
  return result.valid ? "valid" : result.reason;
};

// Every database lookup of a key starts by taking a read stamp (whatever query then runs), so
// counting stamps counts reads.
const countReads = () => vi.spyOn(keyCache(), "stamp");

const soon = { timeout: 1_000, interval: 10 };

/** A key row written by another process, as another instance's create would. */
async function insertElsewhere(ownerId: string, secret: string) {
  await other.query(
    `INSERT INTO api_keys (id, owner_id, name, start, hash, scopes, created_at)
     VALUES (gen_random_uuid()::text, $1, 'elsewhere', $2, $3, ARRAY['keys:read'], now() AT TIME ZONE 'UTC')`,
    [ownerId, keyStart(secret), hashKey(secret)],
  );
}

describe("the negative cache", () => {
  it("reads the database once for an unknown key presented 100 times", async () => {
    const unknown = generateKey("kd");
    const reads = countReads();
    for (let i = 0; i < 100; i++) expect(await reasonOf(unknown)).toBe("not_found");
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it("reads once per distinct unknown key, also when they arrive together", async () => {
    const unknown = Array.from({ length: 20 }, () => generateKey("kd"));
    await Promise.all(unknown.map(reasonOf));
    const reads = countReads();
    const answers = await Promise.all(unknown.flatMap((secret) => [reasonOf(secret), reasonOf(secret)]));
    expect(new Set(answers)).toEqual(new Set(["not_found"]));
    expect(reads).not.toHaveBeenCalled();
  });

  it("never hides a key another process creates after its hash was looked up", async () => {
    const user = await createUser();
    const secret = generateKey("kd");
    expect(await reasonOf(secret)).toBe("not_found");
    await insertElsewhere(user.id, secret);
    await expect.poll(() => reasonOf(secret), soon).toBe("valid");
  });

  it("does not remember a miss whose read began before a creation was announced", async () => {
    const user = await createUser();
    const secret = generateKey("kd");
    const stamp = keyCache().stamp();
    await insertElsewhere(user.id, secret);
    // The creation's notification arrives while this (pretend) lookup is still running.
    await expect.poll(() => keyCache().stamp().creations, soon).toBeGreaterThan(stamp.creations);
    keyCache().setMissing(hashKey(secret), stamp);
    expect(keyCache().isMissing(hashKey(secret))).toBe(false);
    expect(await reasonOf(secret)).toBe("valid");
  });
});

describe("a revoking call", () => {
  it("returns once its echo came back, after the change's own notification", async () => {
    const user = await createUser();
    const { id, secret } = await keyFor(user);
    expect(await reasonOf(secret)).toBe("valid");
    const heard: string[] = [];
    await other.query(`LISTEN ${KEY_CHANGE_CHANNEL}`);
    other.on("notification", (message) => heard.push(message.payload ?? ""));
    const heardBefore = heard.length;
    await revokeKey(callerFor(user), user.id, id);
    const echoAfterChange = () => {
      const since = heard.slice(heardBefore);
      const change = since.indexOf(hashKey(secret));
      return change >= 0 && since.slice(change + 1).some((payload) => payload.startsWith("sync:"));
    };
    // Commit order: the trigger's notification of the revoke, then the echo the call waited for.
    await expect.poll(echoAfterChange, soon).toBe(true);
    expect(await reasonOf(secret)).toBe("revoked");
    await other.query(`UNLISTEN ${KEY_CHANGE_CHANNEL}`);
    other.removeAllListeners("notification");
  });

  it("waits out the trust window only while another instance is heard", async () => {
    const user = await createUser();
    const alone = await keyFor(user);
    const aloneStarted = performance.now();
    await revokeKey(callerFor(user), user.id, alone.id);
    expect(performance.now() - aloneStarted).toBeLessThan(TRUST_WINDOW_MS);

    // Another instance's heartbeat, as its listener would send it.
    await other.query("SELECT pg_notify($1, $2)", [KEY_CHANGE_CHANNEL, "sync:another-instance:beat"]);
    const withOther = await keyFor(user);
    const started = performance.now();
    await revokeKey(callerFor(user), user.id, withOther.id);
    expect(performance.now() - started).toBeGreaterThanOrEqual(TRUST_WINDOW_MS - 1);
  });
});

describe("a listener that reconnects", () => {
  const terminateListener = () =>
    other.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = $1`,
      [`${LISTENER_APPLICATION_NAME} pid ${process.pid}`],
    );

  it("starts from an empty cache and refuses rows read before it came back", async () => {
    const user = await createUser();
    const { id, secret } = await keyFor(user);
    expect(await reasonOf(secret)).toBe("valid");
    expect(await reasonOf(secret)).toBe("valid");
    const { rowCount } = await terminateListener();
    expect(rowCount).toBe(1);
    await expect.poll(() => keyCache().size, soon).toBe(0);

    // A lookup that read the row while nobody listened; the key is revoked meanwhile (a
    // notification this process cannot hear); the listener comes back before the lookup ends.
    const stamp = keyCache().stamp();
    const staleRow = await verifyKey(secret);
    if (!staleRow.valid) throw new Error("the key should still verify before the revoke");
    await other.query(`UPDATE api_keys SET revoked_at = now() AT TIME ZONE 'UTC' WHERE id = $1`, [id]);
    await keyCache().listen();
    keyCache().set(staleRow.key, stamp);
    expect(keyCache().get(hashKey(secret))).toBeUndefined();
    expect(await reasonOf(secret)).toBe("revoked");
  });
});
