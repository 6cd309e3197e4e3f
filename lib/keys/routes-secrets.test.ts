// SPEC §3: "The secret itself is never stored." After every way a secret comes into being
// (create, alias create, roll) and is used (bearer calls, verification, last-used writes),
// no column of any row of any table may hold it, nor the part of it that is not displayed.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashKey } from "@/lib/keys/format";
import { flushKeyUses } from "@/lib/keys/last-used";
import { verifyKey } from "@/lib/keys/verify";
import { apiRequest, call, createUser, sessionCookie } from "@/tests/support/fixtures";
import { keysApi } from "@/tests/support/key-routes";

const secrets: string[] = [];
let rows: string[] = [];
let tables: string[] = [];

beforeAll(async () => {
  const user = await createUser();
  const admin = await createUser({ role: "ADMIN" });
  for (const owner of [user, admin]) {
    const api = keysApi({ cookie: await sessionCookie(owner) });
    const plain = await api.create({ name: "plain", expires_in_days: 30 });
    const aliased = await api.create({ name: "aliased", alias: "svc" });
    const rolled = await api.roll(plain.data.id, { grace_period_hours: 0 });
    const rolledAgain = await api.roll(aliased.data.id);
    // A renewal by alias must not bring a secret along with it either.
    expect((await api.create({ name: "aliased again", alias: "svc" })).status).toBe(200);
    const made = [plain, aliased, rolled, rolledAgain].map((response) => response.data.key as string);
    for (const secret of made) expect(secret).toMatch(/^kd_[0-9A-Za-z]{38}$/);
    secrets.push(...made);
  }
  // Use every secret, so last-used times, bearer calls and their audit rows are all on record too.
  for (const secret of secrets) {
    await verifyKey(secret);
    await call(apiRequest("GET", "/api/v1/me", { key: secret, headers: { "user-agent": "scanner" } }));
  }
  await flushKeyUses();

  tables = (
    await db.$queryRaw<
      { name: string }[]
    >`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`
  ).map((table) => table.name);
  for (const table of tables) {
    // Table names come from the catalogue just above, never from input.
    const found = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${table}" AS t`);
    rows.push(...found.map((entry) => entry.row));
  }
  rows = rows.map((row) => row.toLowerCase());
});

describe("the database after creating, rolling and using keys", () => {
  it("scanned every table, the key and audit tables included", () => {
    expect(tables).toEqual(expect.arrayContaining(["_prisma_migrations", "api_keys", "audit_events", "users"]));
    expect(tables.length).toBeGreaterThanOrEqual(7);
    expect(secrets).toHaveLength(8);
    expect(new Set(secrets).size).toBe(8);
  });

  it("holds each secret's SHA-256 and display start (the scan can see what is there)", () => {
    for (const secret of secrets) {
      expect(rows.filter((row) => row.includes(hashKey(secret)))).toHaveLength(1);
      expect(rows.some((row) => row.includes(secret.slice(0, 12).toLowerCase()))).toBe(true);
    }
  });

  it("holds no secret, and not the undisplayed part of one, in any column of any row", () => {
    // Lower-cased on both sides, so a secret stored in some other case would be caught too.
    const leaks = secrets.flatMap((secret) =>
      [secret, secret.slice(12)]
        .map((part) => part.toLowerCase())
        .filter((part) => rows.some((row) => row.includes(part))),
    );
    expect(leaks).toEqual([]);
  });

  it("recorded the key events it scanned", async () => {
    const actions = await db.auditEvent.groupBy({ by: ["action"], _count: true, orderBy: { action: "asc" } });
    expect(actions.map((entry) => [entry.action, entry._count])).toEqual([
      ["key.created", 4],
      ["key.renewed", 2],
      ["key.rolled", 4],
    ]);
  });
});
