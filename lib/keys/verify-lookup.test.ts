// Verify's lean lookup (its own pg pool, a named prepared statement): the same row as the Prisma
// client would read, instants right whatever the time zones, and an unreachable database
// answered as a 503 like every other outage.
import { createServer, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { db } from "@/lib/db";
import { hashKey } from "@/lib/keys/format";
import { answerVerify } from "@/lib/keys/verify-endpoint";
import { closeKeyLookup, keyLookup } from "@/lib/keys/verify-lookup";
import { freePort } from "@/lib/setup/embedded-db";
import { createUser, keyFor } from "@/tests/support/fixtures";
import { otherProcessConnection } from "@/tests/support/key-routes";

const realUrl = process.env.DATABASE_URL!;
const realTimeZone = process.env.TZ;

afterEach(async () => {
  await closeKeyLookup();
  process.env.DATABASE_URL = realUrl;
  if (realTimeZone === undefined) delete process.env.TZ;
  else process.env.TZ = realTimeZone;
  resetConfigForTests();
});

const answerFor = async (secret: string) =>
  answerVerify(JSON.stringify({ key: secret }), "application/json").then((answer) => ({
    status: answer.status,
    headers: answer.headers,
    body: JSON.parse(answer.json),
  }));

describe("keyLookup.byHash", () => {
  it("reads the key and its owner by hash, and null for an unknown hash", async () => {
    const user = await createUser({ name: "Lookup Owner" });
    const { id, secret } = await keyFor(user, ["keys:read"]);
    expect(await keyLookup.byHash(hashKey(secret))).toMatchObject({
      id,
      owner_id: user.id,
      scopes: ["keys:read"],
      revoked_at: null,
      disabled: false,
      role: "USER",
      email: user.email,
      name: "Lookup Owner",
    });
    expect(await keyLookup.byHash("0".repeat(64))).toBeNull();
  });

  it("sends lookups made while no connection is free as one statement, each answered with its own row", async () => {
    const user = await createUser();
    const keys = await Promise.all(Array.from({ length: 6 }, () => keyFor(user)));
    const queries = vi.spyOn(pg.Client.prototype, "query");
    const unknown = "f".repeat(64);
    const hashes = [...keys.map(({ secret }) => hashKey(secret)), unknown, hashKey(keys[0]!.secret)];
    const rows = await Promise.all(hashes.map((hash) => keyLookup.byHash(hash)));
    const lookups = queries.mock.calls.filter(
      ([query]) => (query as { name?: string }).name === "keydesk_verify_lookup",
    );
    queries.mockRestore();
    expect(lookups).toHaveLength(1);
    expect(rows.map((row) => row?.id ?? null)).toEqual([...keys.map(({ id }) => id), null, keys[0]!.id]);
  });

  it("hands over the stored UTC instants whatever the process's and the session's time zones", async () => {
    const user = await createUser();
    const { id, secret } = await keyFor(user);
    const expiresAt = new Date("2027-03-04T05:06:07.089Z");
    const revokedAt = new Date("2026-11-30T23:59:58.001Z");
    await db.apiKey.update({ where: { id }, data: { expiresAt, revokedAt } });
    const other = await otherProcessConnection();
    const { rows } = await other.query<{ name: string }>("SELECT current_database() AS name");
    await other.query(`ALTER DATABASE "${rows[0]!.name}" SET timezone = 'America/New_York'`);
    await other.end();
    process.env.TZ = "Asia/Tokyo";
    const row = await keyLookup.byHash(hashKey(secret));
    expect(row?.expires_at?.toISOString()).toBe(expiresAt.toISOString());
    expect(row?.revoked_at?.toISOString()).toBe(revokedAt.toISOString());
  });
});

describe("an unreachable database", () => {
  it("refusing connections is a 503 with Retry-After", async () => {
    const user = await createUser();
    const { secret } = await keyFor(user);
    process.env.DATABASE_URL = realUrl.replace(/:\d+\//, `:${await freePort()}/`);
    resetConfigForTests();
    // Three at once wait together for one connection: each gets its own 503.
    const answers = await Promise.all([answerFor(secret), answerFor(secret), answerFor(secret)]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 503, headers: { "Retry-After": "5" }, body: { code: 503, data: null } });
    }
  });

  it("accepting but never answering is a 503 within 5 s", async () => {
    const user = await createUser();
    const { secret } = await keyFor(user);
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    const port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, "127.0.0.1", resolve));
    process.env.DATABASE_URL = realUrl.replace(/:\d+\//, `:${port}/`);
    resetConfigForTests();
    try {
      const started = Date.now();
      expect(await answerFor(secret)).toMatchObject({ status: 503, body: { code: 503 } });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 10_000);
});
