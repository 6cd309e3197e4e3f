// POST /keys/{id}/roll is serialized and happens once per key (SPEC §3 Roll), its lineage is
// recorded both ways, and the escalations of issue 9 through roll and renew are closed.
import { beforeAll, describe, expect, it } from "vitest";
import { SCOPES } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { getKeyLineage } from "@/lib/keys/lineage";
import { verifyKey } from "@/lib/keys/verify";
import { callerFor, createUser, keyFor, sessionCookie } from "@/tests/support/fixtures";
import { keysApi, NON_ADMIN_SCOPES } from "@/tests/support/key-routes";

type User = Awaited<ReturnType<typeof createUser>>;
let user: User;
let api: ReturnType<typeof keysApi>;

beforeAll(async () => {
  user = await createUser();
  api = keysApi({ cookie: await sessionCookie(user) });
});

const reasonOf = async (secret: string) => {
  const result = await verifyKey(secret);
  return result.valid ? "valid" : result.reason;
};
const keyRow = (id: string) => db.apiKey.findUniqueOrThrow({ where: { id }, omit: { hash: false } });

describe("rolls of one key", () => {
  it("10 in parallel give exactly one 201 and nine 409s, and one new live secret", async () => {
    const { id, secret } = await keyFor(user);
    const responses = await Promise.all(Array.from({ length: 10 }, () => api.roll(id, { grace_period_hours: 0 })));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const winner = responses.find((response) => response.status === 201)!;
    expect(await db.apiKey.findMany({ where: { predecessorId: id }, select: { id: true } })).toEqual([
      { id: winner.data.id },
    ]);
    expect(await reasonOf(winner.data.key)).toBe("valid");
    expect(await reasonOf(secret)).toBe("expired");
    expect(await db.auditEvent.count({ where: { action: "key.rolled", targetId: id } })).toBe(1);
    for (const loser of responses.filter((response) => response.status === 409)) {
      expect(loser).toMatchObject({ code: 409, data: null, message: expect.stringContaining("already been rolled") });
    }
  });

  it("409s a second roll while the first one's grace period runs, and changes nothing", async () => {
    const { id, secret } = await keyFor(user);
    expect((await api.roll(id, { grace_period_hours: 24 })).status).toBe(201);
    const before = await keyRow(id);
    expect(await api.roll(id, { grace_period_hours: 24 })).toMatchObject({
      status: 409,
      message: "This key has already been rolled; roll the key that replaced it",
    });
    expect(await keyRow(id)).toEqual(before);
    expect(await reasonOf(secret)).toBe("valid");
  });

  it("409s rolling an expired key", async () => {
    const { id } = await keyFor(user);
    await db.apiKey.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await api.roll(id)).toMatchObject({
      status: 409,
      message: "An expired key cannot be rolled; renew it or create a new key",
    });
    expect(await db.apiKey.count({ where: { predecessorId: id } })).toBe(0);
  });

  it("409s renewing a rolled key, which would leave two live secrets", async () => {
    const { id, secret } = await keyFor(user);
    await api.roll(id, { grace_period_hours: 0 });
    expect(await api.renew(id)).toMatchObject({
      status: 409,
      message: "This key was rolled; renew the key that replaced it",
    });
    expect(await reasonOf(secret)).toBe("expired");
  });
});

describe("roll lineage", () => {
  it("links predecessor and successor both ways, and a key stays rolled once its successor is deleted", async () => {
    const { id } = await keyFor(user);
    const rolled = await api.roll(id, { grace_period_hours: 1 });
    expect(rolled.data).toMatchObject({ predecessor_id: id, rolled_at: null, previous: { id, predecessor_id: null } });
    expect(new Date(rolled.data.previous.rolled_at).getTime()).toBeGreaterThan(Date.now() - 10_000);
    const caller = callerFor(user);
    expect(await getKeyLineage(caller, user.id, rolled.data.id)).toMatchObject({
      predecessor: { id, rolled_at: rolled.data.previous.rolled_at },
      successor: null,
    });
    expect(await getKeyLineage(caller, user.id, id)).toMatchObject({
      predecessor: null,
      successor: { id: rolled.data.id, predecessor_id: id },
    });
    expect((await api.get(rolled.data.id)).data).toMatchObject({ predecessor_id: id });

    expect((await api.remove(rolled.data.id)).status).toBe(200);
    expect(await getKeyLineage(caller, user.id, id)).toEqual({ predecessor: null, successor: null });
    expect((await api.roll(id)).status).toBe(409);
  });

  it("is refused for another owner (403) and for another user's key (404, as if missing)", async () => {
    const { id } = await keyFor(user);
    await expect(getKeyLineage(callerFor(await createUser()), user.id, id)).rejects.toMatchObject({ status: 403 });
    const other = await createUser();
    await expect(getKeyLineage(callerFor(other), other.id, id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("the escalations of issue 9, through the REST routes", () => {
  it("a keys:read + keys:write key cannot roll a full-scope key into a full-scope secret", async () => {
    const full = await keyFor(user);
    expect((await keyRow(full.id)).scopes).toEqual(NON_ADMIN_SCOPES);
    const narrow = keysApi({ key: (await keyFor(user, ["keys:read", "keys:write"])).secret });
    const before = await keyRow(full.id);
    expect(await narrow.roll(full.id, { grace_period_hours: 0 })).toMatchObject({
      status: 403,
      message: expect.stringContaining("You cannot grant scopes you do not hold: models:read, models:write"),
    });
    expect(await keyRow(full.id)).toEqual(before);
    expect(await db.apiKey.count({ where: { predecessorId: full.id } })).toBe(0);
  });

  it("an ADMIN's key without admin cannot roll or renew an admin-scoped key", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const adminScoped = await keyFor(admin, [...SCOPES]);
    const withoutAdmin = keysApi({ key: (await keyFor(admin)).secret });
    await db.apiKey.update({ where: { id: adminScoped.id }, data: { revokedAt: new Date() } });
    const before = await keyRow(adminScoped.id);
    expect(await withoutAdmin.roll(adminScoped.id, { grace_period_hours: 0 })).toMatchObject({
      status: 403,
      message: expect.stringContaining("do not hold: admin"),
    });
    expect(await withoutAdmin.renew(adminScoped.id)).toMatchObject({ status: 403 });
    expect(await keyRow(adminScoped.id)).toEqual(before);
    expect(await reasonOf(adminScoped.secret)).toBe("revoked");
  });

  it("a narrower key cannot renew a revoked broader key", async () => {
    const broad = await keyFor(user);
    await api.revoke(broad.id);
    const narrow = keysApi({ key: (await keyFor(user, ["keys:write"])).secret });
    const before = await keyRow(broad.id);
    expect(await narrow.renew(broad.id)).toMatchObject({ status: 403 });
    expect(await keyRow(broad.id)).toEqual(before);
    expect(await reasonOf(broad.secret)).toBe("revoked");
  });
});
