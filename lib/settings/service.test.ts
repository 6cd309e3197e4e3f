// The key policies against the real database: a fresh database follows the environment, the
// admin's saved values win from then on, validation names each bad field, only admins read or
// write them, and every change is audited with what changed.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { SCOPES, type Caller } from "@/lib/auth/caller";
import { resetConfigForTests } from "@/lib/config";
import { db } from "@/lib/db";
import { currentSettings, getSettings, updateSettings } from "@/lib/settings/service";
import { callerFor, createUser } from "@/tests/support/fixtures";

let admin: Caller;
let user: Caller;

beforeAll(async () => {
  admin = callerFor(await createUser({ role: "ADMIN" }));
  user = callerFor(await createUser());
});

afterEach(() => {
  process.env.KEY_DEFAULT_TTL_DAYS = "90";
  process.env.KEY_ALLOW_NO_EXPIRY = "false";
  resetConfigForTests();
});

const setEnvironment = (defaultDays: string, allowNoExpiry: string) => {
  process.env.KEY_DEFAULT_TTL_DAYS = defaultDays;
  process.env.KEY_ALLOW_NO_EXPIRY = allowNoExpiry;
  resetConfigForTests();
};

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("expected a refusal"),
    (e) => e,
  );

describe("key policies", () => {
  it("answer from KEY_DEFAULT_TTL_DAYS and KEY_ALLOW_NO_EXPIRY until an admin saves them", async () => {
    setEnvironment("30", "true");
    expect(await db.settings.count()).toBe(0);
    expect(await getSettings(admin)).toEqual({
      key_default_ttl_days: 30,
      key_max_ttl_days: 365,
      key_allow_no_expiry: true,
      user_grantable_scopes: ["keys:read", "keys:write", "models:read", "models:write"],
      users_can_create_keys: true,
      idle_key_days: 90,
      expiry_warning_days: 7,
      updated_at: null,
    });
  });

  it("refuse a default above the maximum with a 400 naming both fields, and change nothing", async () => {
    const error = await refusal(updateSettings(admin, { key_max_ttl_days: 60, key_default_ttl_days: 61 }));
    expect(error).toMatchObject({
      status: 400,
      fields: {
        key_default_ttl_days: ["The default lifetime (61 days) is above the maximum (60 days)"],
        key_max_ttl_days: ["The default lifetime (61 days) is above the maximum (60 days)"],
      },
    });
    // A maximum below the default in force is the same conflict.
    expect(await refusal(updateSettings(admin, { key_max_ttl_days: 30 }))).toMatchObject({
      status: 400,
      fields: { key_default_ttl_days: [expect.any(String)], key_max_ttl_days: [expect.any(String)] },
    });
    expect(await db.auditEvent.count({ where: { action: "settings.updated" } })).toBe(0);
    expect((await currentSettings()).updated_at).toBeNull();
  });

  it.each([
    ["key_default_ttl_days", 0],
    ["key_max_ttl_days", 366],
    ["idle_key_days", -1],
    ["expiry_warning_days", 0],
    ["user_grantable_scopes", []],
    ["user_grantable_scopes", ["keys:read", "admin"]],
    ["user_grantable_scopes", ["billing"]],
  ])("refuse %s = %j with a 400 naming it", async (field, value) => {
    const error = await refusal(updateSettings(admin, { [field]: value }));
    expect(error.status).toBe(400);
    expect(Object.keys(error.fields)[0]).toMatch(new RegExp(`^${field}`));
  });

  it("save a change, merged into what was in force, audited with each changed field's old and new value", async () => {
    setEnvironment("45", "false");
    const saved = await updateSettings(admin, {
      key_max_ttl_days: 180,
      user_grantable_scopes: ["keys:read", "models:read", "keys:read"],
    });
    expect(saved).toMatchObject({
      key_default_ttl_days: 45,
      key_max_ttl_days: 180,
      key_allow_no_expiry: false,
      user_grantable_scopes: ["keys:read", "models:read"],
      users_can_create_keys: true,
    });
    expect(Date.now() - new Date(saved.updated_at!).getTime()).toBeLessThan(10_000);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.updated" } });
    expect(event).toMatchObject({
      actorId: admin.user.id,
      targetType: "settings",
      details: {
        changed: {
          key_max_ttl_days: { from: 365, to: 180 },
          user_grantable_scopes: {
            from: ["keys:read", "keys:write", "models:read", "models:write"],
            to: ["keys:read", "models:read"],
          },
        },
      },
    });
    // From now on the saved values win over the environment.
    setEnvironment("10", "true");
    expect(await currentSettings()).toMatchObject({ key_default_ttl_days: 45, key_allow_no_expiry: false });
  });

  it("keep both of two admins' concurrent changes to different fields", async () => {
    await Promise.all([
      updateSettings(admin, { idle_key_days: 0 }),
      updateSettings(admin, { expiry_warning_days: 30 }),
      updateSettings(admin, { users_can_create_keys: false }),
    ]);
    expect(await currentSettings()).toMatchObject({
      idle_key_days: 0,
      expiry_warning_days: 30,
      users_can_create_keys: false,
    });
    expect(await db.settings.count()).toBe(1);
  });

  it("are for admins only: a user, and an admin's key without the admin scope, get a 403", async () => {
    const adminKeyCaller: Caller = { ...admin, keyId: "key", scopes: SCOPES.filter((scope) => scope !== "admin") };
    for (const caller of [user, adminKeyCaller]) {
      expect(await refusal(getSettings(caller))).toMatchObject({ status: 403 });
      expect(await refusal(updateSettings(caller, { idle_key_days: 5 }))).toMatchObject({ status: 403 });
    }
    expect((await currentSettings()).idle_key_days).not.toBe(5);
  });
});
