// GET / PATCH / DELETE /keys/{id} and its revoke, renew and roll actions, each with its
// success and error statuses; and another user's key id is a 404 on every one of them.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyKey } from "@/lib/keys/verify";
import { createUser, keyFor, sessionCookie } from "@/tests/support/fixtures";
import { DAY_MS, keysApi, msFromNow, NON_ADMIN_SCOPES } from "@/tests/support/key-routes";

type User = Awaited<ReturnType<typeof createUser>>;
let user: User;
let api: ReturnType<typeof keysApi>;
const MISSING_ID = "0190a0b0-0000-7000-8000-000000000000";

beforeAll(async () => {
  user = await createUser({ email: "actor@example.test" });
  api = keysApi({ cookie: await sessionCookie(user) });
});

const reasonOf = async (secret: string) => {
  const result = await verifyKey(secret);
  return result.valid ? "valid" : result.reason;
};

describe("GET /keys/{id}", () => {
  it("200s the key object and 404s an unknown id", async () => {
    const { id, secret } = await keyFor(user);
    expect(await api.get(id)).toMatchObject({
      status: 200,
      code: 0,
      data: { id, name: "fixture", start: secret.slice(0, 12), scopes: NON_ADMIN_SCOPES, status: "active" },
    });
    expect(await api.get(MISSING_ID)).toMatchObject({ status: 404, code: 404, data: null, message: "Key not found" });
  });
});

describe("PATCH /keys/{id}", () => {
  it("renames and changes scopes", async () => {
    const { id, secret } = await keyFor(user);
    expect(await api.update(id, { name: " renamed " })).toMatchObject({
      status: 200,
      data: { id, name: "renamed", scopes: NON_ADMIN_SCOPES },
    });
    expect(await api.update(id, { scopes: ["keys:read"] })).toMatchObject({
      status: 200,
      data: { name: "renamed", scopes: ["keys:read"] },
    });
    // A narrowed key is narrowed for verification at once.
    expect(await verifyKey(secret)).toMatchObject({ valid: true, key: { scopes: ["keys:read"] } });
  });

  it("400s an empty change, a bad name, an unknown scope or field, and 404s an unknown id", async () => {
    const { id } = await keyFor(user);
    expect(await api.update(id, {})).toMatchObject({
      status: 400,
      data: { fields: { _: ["Give a name or scopes to change"] } },
    });
    expect(await api.update(id, { name: "" })).toMatchObject({
      status: 400,
      data: { fields: { name: [expect.any(String)] } },
    });
    expect(await api.update(id, { scopes: ["root"] })).toMatchObject({
      status: 400,
      data: { fields: { "scopes.0": [expect.stringContaining("Allowed scopes")] } },
    });
    expect(await api.update(id, { alias: "x" })).toMatchObject({
      status: 400,
      data: { fields: { alias: ["Unknown field"] } },
    });
    expect(await api.update(MISSING_ID, { name: "x" })).toMatchObject({ status: 404 });
  });

  it("403s giving a USER's key the admin scope", async () => {
    const { id } = await keyFor(user);
    expect(await api.update(id, { scopes: ["admin"] })).toMatchObject({
      status: 403,
      message: "Only an administrator's key can hold the admin scope",
    });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).scopes).toEqual(NON_ADMIN_SCOPES);
  });
});

describe("POST /keys/{id}/revoke", () => {
  it("200s a revoked key, 409s a second revoke, and the key stops verifying", async () => {
    const { id, secret } = await keyFor(user);
    expect(await reasonOf(secret)).toBe("valid");
    const revoked = await api.revoke(id);
    expect(revoked).toMatchObject({ status: 200, data: { id, status: "revoked" } });
    expect(msFromNow(revoked.data.revoked_at, 0)).toBeLessThan(10_000);
    expect(await reasonOf(secret)).toBe("revoked");
    expect(await api.revoke(id)).toMatchObject({
      status: 409,
      code: 409,
      data: null,
      message: "Key is already revoked",
    });
    expect(await api.revoke(MISSING_ID)).toMatchObject({ status: 404 });
  });
});

describe("POST /keys/{id}/renew", () => {
  it("resets expires_at to now + ttl_days, clears revoked_at, and the same secret verifies again", async () => {
    const { id, secret } = await keyFor(user);
    await api.revoke(id);
    await db.apiKey.update({ where: { id }, data: { expiresAt: new Date(Date.now() - DAY_MS) } });
    expect(await reasonOf(secret)).toBe("revoked");
    const renewed = await api.renew(id);
    expect(renewed).toMatchObject({ status: 200, data: { id, status: "active", revoked_at: null, ttl_days: 90 } });
    expect(msFromNow(renewed.data.expires_at, 90 * DAY_MS)).toBeLessThan(10_000);
    expect(await reasonOf(secret)).toBe("valid");
    expect(await api.renew(MISSING_ID)).toMatchObject({ status: 404 });
  });
});

describe("POST /keys/{id}/roll", () => {
  it("201s a new secret; the old one keeps working for the default 24-hour grace", async () => {
    const { id, secret } = await keyFor(user, ["keys:read", "models:read"]);
    await api.update(id, { name: "rolled" });
    const rolled = await api.roll(id);
    expect(rolled).toMatchObject({
      status: 201,
      code: 0,
      data: {
        name: "rolled",
        scopes: ["keys:read", "models:read"],
        status: "active",
        previous: { id, status: "active" },
      },
    });
    expect(rolled.data.id).not.toBe(id);
    expect(rolled.data.key).toMatch(/^kd_[0-9A-Za-z]{38}$/);
    expect(rolled.data.key).not.toBe(secret);
    expect(msFromNow(rolled.data.previous.expires_at, 24 * 3_600_000)).toBeLessThan(10_000);
    expect(await verifyKey(rolled.data.key)).toMatchObject({ valid: true, key: { keyId: rolled.data.id } });
    expect(await verifyKey(secret)).toMatchObject({ valid: true, key: { keyId: id } });
  });

  it("with grace_period_hours 0 the old secret is expired at once", async () => {
    const { id, secret } = await keyFor(user);
    expect(await reasonOf(secret)).toBe("valid");
    const rolled = await api.roll(id, { grace_period_hours: 0 });
    expect(rolled).toMatchObject({ status: 201, data: { previous: { id, status: "expired" } } });
    expect(await reasonOf(secret)).toBe("expired");
    expect(await reasonOf(rolled.data.key)).toBe("valid");
  });

  it("moves the alias to the new key", async () => {
    const created = await api.create({ name: "aliased", alias: "svc" });
    const rolled = await api.roll(created.data.id, { grace_period_hours: 1 });
    expect(rolled.data).toMatchObject({ alias: "svc", previous: { alias: null } });
  });

  it.each([[169], [-1], [1.5], ["24"]])("400s grace_period_hours %j", async (hours) => {
    const { id } = await keyFor(user);
    const [before, keysBefore] = [
      await db.apiKey.findUniqueOrThrow({ where: { id } }),
      await db.apiKey.count({ where: { ownerId: user.id } }),
    ];
    expect(await api.roll(id, { grace_period_hours: hours })).toMatchObject({
      status: 400,
      data: { fields: { grace_period_hours: [expect.any(String)] } },
    });
    expect(await db.apiKey.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await db.apiKey.count({ where: { ownerId: user.id } })).toBe(keysBefore);
  });

  it("409s rolling a revoked key and 404s an unknown id", async () => {
    const { id } = await keyFor(user);
    await api.revoke(id);
    expect(await api.roll(id)).toMatchObject({
      status: 409,
      message: "A revoked key cannot be rolled; create a new key instead",
    });
    expect(await api.roll(MISSING_ID)).toMatchObject({ status: 404 });
  });
});

describe("DELETE /keys/{id}", () => {
  it("200s {id, deleted: true}, removes the row, and then 404s", async () => {
    const { id, secret } = await keyFor(user);
    expect(await reasonOf(secret)).toBe("valid");
    expect(await api.remove(id)).toMatchObject({ status: 200, code: 0, data: { id, deleted: true } });
    expect(await db.apiKey.count({ where: { id } })).toBe(0);
    expect(await reasonOf(secret)).toBe("not_found");
    expect(await api.get(id)).toMatchObject({ status: 404 });
    expect(await api.remove(id)).toMatchObject({ status: 404 });
  });
});

describe("another user's key id", () => {
  it.each([
    ["GET", (other: typeof api, id: string) => other.get(id)],
    ["PATCH", (other: typeof api, id: string) => other.update(id, { name: "hijacked", scopes: ["keys:read"] })],
    ["DELETE", (other: typeof api, id: string) => other.remove(id)],
    ["revoke", (other: typeof api, id: string) => other.revoke(id)],
    ["renew", (other: typeof api, id: string) => other.renew(id)],
    ["roll", (other: typeof api, id: string) => other.roll(id, { grace_period_hours: 0 })],
  ])("is a 404 on %s, for a USER and an ADMIN, and changes nothing", async (_route, request) => {
    const { id, secret } = await keyFor(user);
    await db.apiKey.update({ where: { id }, data: { expiresAt: new Date(Date.now() - DAY_MS) } });
    const before = await db.apiKey.findUniqueOrThrow({ where: { id }, omit: { hash: false } });
    const keysBefore = await db.apiKey.count({ where: { ownerId: user.id } });
    const intruders = [await createUser(), await createUser({ role: "ADMIN" })];
    for (const intruder of intruders) {
      const response = await request(keysApi({ key: (await keyFor(intruder)).secret }), id);
      // Exactly what a missing key answers, so the id's existence is not revealed.
      expect(response).toMatchObject({ status: 404, code: 404, data: null, message: "Key not found" });
    }
    expect(await db.apiKey.findUniqueOrThrow({ where: { id }, omit: { hash: false } })).toEqual(before);
    expect(await db.apiKey.count({ where: { ownerId: user.id } })).toBe(keysBefore);
    expect(await reasonOf(secret)).toBe("expired");
  });
});
