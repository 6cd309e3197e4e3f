// POST /api/v1/keys: a new key with its secret shown once, its defaults and its validation,
// and the alias create-or-renew, including twelve callers racing on one alias.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { db } from "@/lib/db";
import { hashKey } from "@/lib/keys/format";
import { verifyKey } from "@/lib/keys/verify";
import { createUser, sessionCookie } from "@/tests/support/fixtures";
import { DAY_MS, keysApi, msFromNow, NON_ADMIN_SCOPES } from "@/tests/support/key-routes";

type User = Awaited<ReturnType<typeof createUser>>;
let user: User;
let api: ReturnType<typeof keysApi>;
let adminApi: ReturnType<typeof keysApi>;

beforeAll(async () => {
  user = await createUser({ email: "creator@example.test" });
  api = keysApi({ cookie: await sessionCookie(user) });
  const admin = await createUser({ role: "ADMIN" });
  adminApi = keysApi({ cookie: await sessionCookie(admin) });
});

afterEach(() => {
  process.env.KEY_ALLOW_NO_EXPIRY = "false";
  resetConfigForTests();
});

describe("POST /keys creates a key", () => {
  it("201s with the secret once, all non-admin scopes and a 90-day expiry by default", async () => {
    const response = await api.create({ name: "  CI deploys  " });
    expect(response).toMatchObject({
      status: 201,
      code: 0,
      data: { name: "CI deploys", alias: null, renewed: false, status: "active", ttl_days: 90 },
    });
    const { key: secret, start, scopes, expires_at, created_by, revoked_at, last_used_at } = response.data;
    expect(secret).toMatch(/^kd_[0-9A-Za-z]{38}$/);
    expect(start).toBe(secret.slice(0, 12));
    expect(scopes).toEqual(NON_ADMIN_SCOPES);
    expect(msFromNow(expires_at, 90 * DAY_MS)).toBeLessThan(10_000);
    expect(created_by).toEqual({ id: user.id, email: "creator@example.test" });
    expect([revoked_at, last_used_at]).toEqual([null, null]);
    const row = await db.apiKey.findUniqueOrThrow({
      where: { id: response.data.id },
      select: { hash: true, ownerId: true },
    });
    expect(row).toEqual({ hash: hashKey(secret), ownerId: user.id });
    expect(await verifyKey(secret)).toMatchObject({ valid: true, key: { keyId: response.data.id } });
  });

  it("takes the scopes and lifetime asked for", async () => {
    const response = await api.create({
      name: "reader",
      scopes: ["models:read", "keys:read", "keys:read"],
      expires_in_days: 7,
    });
    expect(response.status).toBe(201);
    expect(response.data.scopes).toEqual(["models:read", "keys:read"]);
    expect(response.data.ttl_days).toBe(7);
    expect(msFromNow(response.data.expires_at, 7 * DAY_MS)).toBeLessThan(10_000);
  });

  it("accepts 1 and 365 days, and a 100-character name", async () => {
    expect((await api.create({ name: "short", expires_in_days: 1 })).status).toBe(201);
    expect((await api.create({ name: "long", expires_in_days: 365 })).status).toBe(201);
    expect((await api.create({ name: "n".repeat(100) })).status).toBe(201);
  });

  it("400s an unknown scope and names the allowed set", async () => {
    const response = await api.create({ name: "x", scopes: ["keys:read", "billing:write"] });
    expect(response).toMatchObject({ status: 400, code: 400 });
    expect(response.data.fields["scopes.1"]).toEqual([
      'Unknown scope "billing:write". Allowed scopes: keys:read, keys:write, models:read, models:write, admin',
    ]);
  });

  it("400s an empty scope list", async () => {
    expect(await api.create({ name: "x", scopes: [] })).toMatchObject({
      status: 400,
      data: { fields: { scopes: [expect.stringContaining("Allowed scopes")] } },
    });
  });

  it("403s the admin scope for a USER and 201s it for an ADMIN", async () => {
    const refused = await api.create({ name: "x", scopes: ["keys:read", "admin"] });
    expect(refused).toMatchObject({
      status: 403,
      code: 403,
      data: null,
      message: "Only an administrator's key can hold the admin scope",
    });
    const granted = await adminApi.create({ name: "ops", scopes: ["keys:read", "admin"] });
    expect(granted).toMatchObject({ status: 201, data: { scopes: ["keys:read", "admin"] } });
  });

  it("gives an ADMIN's new key the non-admin scopes unless admin is asked for", async () => {
    expect((await adminApi.create({ name: "plain" })).data.scopes).toEqual(NON_ADMIN_SCOPES);
  });

  it.each([[0], [366], [1.5], [-1], ["30"]])("400s expires_in_days %j", async (days) => {
    const response = await api.create({ name: "x", expires_in_days: days });
    expect(response).toMatchObject({ status: 400, data: { fields: { expires_in_days: [expect.any(String)] } } });
  });

  it("400s expires_in_days null while keys must expire", async () => {
    const response = await api.create({ name: "forever", expires_in_days: null });
    expect(response).toMatchObject({
      status: 400,
      message: "Keys must expire",
      data: { fields: { expires_in_days: [expect.any(String)] } },
    });
    expect(await db.apiKey.count({ where: { name: "forever" } })).toBe(0);
  });

  it("201s a key without expiry when KEY_ALLOW_NO_EXPIRY is on", async () => {
    process.env.KEY_ALLOW_NO_EXPIRY = "true";
    resetConfigForTests();
    const response = await api.create({ name: "forever", expires_in_days: null });
    expect(response).toMatchObject({ status: 201, data: { expires_at: null, ttl_days: null, status: "active" } });
  });

  it.each([
    ["empty", ""],
    ["blank", "   "],
    ["101 characters", "n".repeat(101)],
    ["not a string", 42],
    // PostgreSQL text cannot hold NUL: it must be a 400 here, not a 500 from the database.
    ["NUL-bearing", "a\u0000b"],
  ])("400s a name that is %s", async (_label, name) => {
    expect(await api.create({ name })).toMatchObject({ status: 400, data: { fields: { name: [expect.any(String)] } } });
  });

  it("400s a missing name, an unknown field and a bad alias", async () => {
    expect(await api.create({})).toMatchObject({ status: 400, data: { fields: { name: [expect.any(String)] } } });
    expect(await api.create({ name: "x", owner_id: user.id })).toMatchObject({
      status: 400,
      data: { fields: { owner_id: ["Unknown field"] } },
    });
    expect(await api.create({ name: "x", alias: "has space" })).toMatchObject({
      status: 400,
      data: { fields: { alias: [expect.any(String)] } },
    });
  });
});

describe("POST /keys with an alias", () => {
  it("renews the existing key: 200, renewed, no secret, name and scopes updated, revocation cleared", async () => {
    const first = await api.create({ name: "deploy v1", alias: "deploy", scopes: ["keys:read"] });
    expect(first).toMatchObject({ status: 201, data: { alias: "deploy", renewed: false } });
    await db.apiKey.update({
      where: { id: first.data.id },
      data: { revokedAt: new Date(), expiresAt: new Date(Date.now() - DAY_MS) },
    });

    const second = await api.create({ name: "deploy v2", alias: "deploy", scopes: ["models:read", "models:write"] });
    expect(second).toMatchObject({
      status: 200,
      code: 0,
      data: {
        id: first.data.id,
        name: "deploy v2",
        alias: "deploy",
        scopes: ["models:read", "models:write"],
        revoked_at: null,
        status: "active",
        renewed: true,
      },
    });
    expect(second.data).not.toHaveProperty("key");
    expect(msFromNow(second.data.expires_at, 90 * DAY_MS)).toBeLessThan(10_000);
    expect(await db.apiKey.count({ where: { ownerId: user.id, alias: "deploy" } })).toBe(1);
    // The secret from the first response keeps working: that is the point of renewing by alias.
    expect(await verifyKey(first.data.key)).toMatchObject({
      valid: true,
      key: { scopes: ["models:read", "models:write"] },
    });
  });

  it("creates rather than renews when another user has the alias", async () => {
    const other = keysApi({ cookie: await sessionCookie(await createUser()) });
    expect((await other.create({ name: "theirs", alias: "shared" })).status).toBe(201);
    expect((await api.create({ name: "mine", alias: "shared" })).status).toBe(201);
  });

  it("settles twelve concurrent creates with one alias as one 201 and eleven 200s, and one row", async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api.create({ name: `racer ${i}`, alias: "race" })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    expect(responses.filter((response) => "key" in response.data)).toHaveLength(1);
    expect(new Set(responses.map((response) => response.data.id)).size).toBe(1);
    expect(await db.apiKey.count({ where: { ownerId: user.id, alias: "race" } })).toBe(1);
  });
});
