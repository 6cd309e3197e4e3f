// The key policies of the settings, enforced by the key service (SPEC §2 Settings, §3 Lifetime):
// lifetimes within the maximum, "never expires" only where allowed, users' creating switched
// off, all at once on every instance; existing keys left as they are.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { keyCreationPolicy } from "@/lib/keys/creation-policy";
import { createKey } from "@/lib/keys/service";
import { verifyKey } from "@/lib/keys/verify";
import { updateSettings } from "@/lib/settings/service";
import { callerFor, createUser, keyFor, sessionCookie } from "@/tests/support/fixtures";
import { DAY_MS, keysApi, msFromNow, otherProcessConnection } from "@/tests/support/key-routes";

type User = Awaited<ReturnType<typeof createUser>>;
let user: User;
let admin: Caller;
let api: ReturnType<typeof keysApi>;
let adminApi: ReturnType<typeof keysApi>;

beforeAll(async () => {
  user = await createUser();
  const adminUser = await createUser({ role: "ADMIN" });
  admin = callerFor(adminUser);
  api = keysApi({ cookie: await sessionCookie(user) });
  adminApi = keysApi({ cookie: await sessionCookie(adminUser) });
});

// Each test starts from a fresh database's policies (the environment's).
beforeEach(async () => {
  await db.settings.deleteMany();
});

describe("lifetime", () => {
  it("gives new keys the saved default, 201s the maximum and 400s one day more, naming expires_in_days", async () => {
    await updateSettings(admin, { key_default_ttl_days: 30, key_max_ttl_days: 60 });
    const byDefault = await api.create({ name: "default" });
    expect(byDefault).toMatchObject({ status: 201, data: { ttl_days: 30 } });
    expect(msFromNow(byDefault.data.expires_at, 30 * DAY_MS)).toBeLessThan(10_000);
    expect((await api.create({ name: "max", expires_in_days: 60 })).status).toBe(201);
    for (const caller of [api, adminApi]) {
      expect(await caller.create({ name: "too long", expires_in_days: 61 })).toMatchObject({
        status: 400,
        message: "Key lifetime is above the maximum",
        data: { fields: { expires_in_days: ["At most 60 days: that is the longest lifetime allowed here"] } },
      });
    }
    expect(await db.apiKey.count({ where: { name: "too long" } })).toBe(0);
  });

  it("allows keys that never expire only while the settings do, whatever the environment says", async () => {
    expect((await api.create({ name: "forever", expires_in_days: null })).status).toBe(400);
    await updateSettings(admin, { key_allow_no_expiry: true });
    expect(await api.create({ name: "forever", expires_in_days: null })).toMatchObject({
      status: 201,
      data: { ttl_days: null, expires_at: null },
    });
    await updateSettings(admin, { key_allow_no_expiry: false });
    expect(await api.create({ name: "forever 2", expires_in_days: null })).toMatchObject({
      status: 400,
      message: "Keys must expire",
      data: { fields: { expires_in_days: [expect.any(String)] } },
    });
  });

  it("leaves existing keys as they are under a stricter policy, but refuses renewing or rolling them", async () => {
    await updateSettings(admin, { key_allow_no_expiry: true });
    const long = await api.create({ name: "long", expires_in_days: 365 });
    const forever = await api.create({ name: "forever", expires_in_days: null });
    await updateSettings(admin, { key_max_ttl_days: 90, key_allow_no_expiry: false });

    expect(await verifyKey(long.data.key)).toMatchObject({ valid: true });
    expect(await verifyKey(forever.data.key)).toMatchObject({ valid: true });
    expect((await api.get(long.data.id)).data).toMatchObject({ ttl_days: 365, expires_at: long.data.expires_at });

    const longBefore = await db.apiKey.findUniqueOrThrow({ where: { id: long.data.id } });
    expect(await api.renew(long.data.id)).toMatchObject({
      status: 400,
      data: { fields: { ttl_days: ["This key's lifetime of 365 days is above the maximum of 90: create a new key"] } },
    });
    expect(await api.roll(long.data.id)).toMatchObject({
      status: 400,
      data: { fields: { ttl_days: [expect.any(String)] } },
    });
    expect(await api.renew(forever.data.id)).toMatchObject({
      status: 400,
      message: "Keys must expire",
      data: { fields: { ttl_days: [expect.any(String)] } },
    });
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: long.data.id } })).toEqual(longBefore);
    expect(await db.apiKey.count({ where: { predecessorId: long.data.id } })).toBe(0);
  });

  it("refuses renewing by alias a key whose kept lifetime is now above the maximum", async () => {
    await api.create({ name: "svc", alias: "svc-long", expires_in_days: 200 });
    await updateSettings(admin, { key_max_ttl_days: 100 });
    expect(await api.create({ name: "svc", alias: "svc-long" })).toMatchObject({
      status: 400,
      data: { fields: { ttl_days: [expect.any(String)] } },
    });
    // Asking for a lifetime within the maximum renews it.
    expect(await api.create({ name: "svc", alias: "svc-long", expires_in_days: 100 })).toMatchObject({
      status: 200,
      data: { renewed: true, ttl_days: 100 },
    });
  });
});

describe("users_can_create_keys: false", () => {
  it("403s users' creates (session, key, alias) while admins still create and generate", async () => {
    const userKey = keysApi({ key: (await keyFor(user)).secret });
    await api.create({ name: "aliased", alias: "kept" });
    await updateSettings(admin, { users_can_create_keys: false });
    const refusal = {
      status: 403,
      message: "Creating keys is turned off for users; an administrator can generate one for you",
    };
    const before = await db.apiKey.count({ where: { ownerId: user.id } });
    expect(await api.create({ name: "x" })).toMatchObject(refusal);
    expect(await userKey.create({ name: "x" })).toMatchObject(refusal);
    expect(await api.create({ name: "x", alias: "kept" })).toMatchObject(refusal);
    expect(await db.apiKey.count({ where: { ownerId: user.id } })).toBe(before);

    expect((await adminApi.create({ name: "own" })).status).toBe(201);
    const generated = await createKey(admin, user.id, { name: "Generated by admin" });
    expect(generated).toMatchObject({ renewed: false, created_by: { id: admin.user.id } });
    expect(await keyCreationPolicy(callerFor(user), user.id)).toMatchObject({ can_create: false });
    expect(await keyCreationPolicy(admin, user.id)).toMatchObject({ can_create: true });
  });
});

describe("settings take effect at once on every instance", () => {
  it("a change written by another process applies to the very next create", async () => {
    expect((await api.create({ name: "before", expires_in_days: 200 })).status).toBe(201);
    const other = await otherProcessConnection();
    try {
      await other.query(
        `INSERT INTO settings (id, key_default_ttl_days, key_max_ttl_days, key_allow_no_expiry, user_grantable_scopes,
           users_can_create_keys, idle_key_days, expiry_warning_days, updated_at)
         VALUES (1, 30, 100, false, '{keys:read}', true, 90, 7, now())`,
      );
    } finally {
      await other.end();
    }
    expect((await api.create({ name: "after", expires_in_days: 200 })).status).toBe(400);
    expect(await api.create({ name: "after", scopes: ["models:read"] })).toMatchObject({
      status: 403,
      message: "The key policy does not let users grant: models:read",
    });
    expect(await api.create({ name: "after" })).toMatchObject({
      status: 201,
      data: { scopes: ["keys:read"], ttl_days: 30 },
    });
  });
});

describe("keyCreationPolicy", () => {
  it("tells the create form what this caller may choose for this owner", async () => {
    await updateSettings(admin, {
      key_default_ttl_days: 14,
      key_max_ttl_days: 30,
      user_grantable_scopes: ["keys:read", "models:read"],
    });
    expect(await keyCreationPolicy(callerFor(user), user.id)).toEqual({
      can_create: true,
      grantable_scopes: ["keys:read", "models:read"],
      default_ttl_days: 14,
      max_ttl_days: 30,
      allow_no_expiry: false,
    });
    expect((await keyCreationPolicy(admin, admin.user.id)).grantable_scopes).toEqual([
      "keys:read",
      "keys:write",
      "models:read",
      "models:write",
      "admin",
    ]);
    expect((await keyCreationPolicy(admin, user.id)).grantable_scopes).toEqual([
      "keys:read",
      "keys:write",
      "models:read",
      "models:write",
    ]);
  });
});
