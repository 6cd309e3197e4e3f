// GET / PATCH /admin/settings through the route table: admins only, the envelope, and a 400
// that names each bad field.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { adminFixtures } from "@/tests/support/admin-fixtures";
import { apiRequest, call } from "@/tests/support/fixtures";

let f: Awaited<ReturnType<typeof adminFixtures>>;

beforeAll(async () => {
  f = await adminFixtures();
});

type Credentials = { key: string } | { cookie: string };
const read = (credentials: Credentials) => call(apiRequest("GET", "/api/v1/admin/settings", credentials));
const change = (credentials: Credentials, body: unknown) =>
  call(apiRequest("PATCH", "/api/v1/admin/settings", { ...credentials, body }));

describe("/admin/settings", () => {
  it("GET answers the policies in force to an admin, by session or admin key", async () => {
    for (const credentials of [{ cookie: f.adminCookie }, { key: f.adminKey }]) {
      expect(await read(credentials)).toMatchObject({
        status: 200,
        code: 0,
        data: {
          key_default_ttl_days: 90,
          key_max_ttl_days: 365,
          key_allow_no_expiry: false,
          user_grantable_scopes: ["keys:read", "keys:write", "models:read", "models:write"],
          users_can_create_keys: true,
          idle_key_days: 90,
          expiry_warning_days: 7,
          updated_at: null,
        },
      });
    }
  });

  it("403s a user and an admin's key without the admin scope, on GET and PATCH", async () => {
    for (const credentials of [{ cookie: f.userCookie }, { key: f.userKey }, { key: f.unscopedAdminKey }]) {
      expect(await read(credentials)).toMatchObject({ status: 403, code: 403, data: null });
      expect(await change(credentials, { idle_key_days: 1 })).toMatchObject({ status: 403 });
    }
    expect(await db.settings.count()).toBe(0);
  });

  it("PATCH 400s a default above the maximum naming both fields, an unknown field, and an empty change", async () => {
    expect(await change({ key: f.adminKey }, { key_default_ttl_days: 100, key_max_ttl_days: 50 })).toMatchObject({
      status: 400,
      code: 400,
      data: {
        fields: {
          key_default_ttl_days: ["The default lifetime (100 days) is above the maximum (50 days)"],
          key_max_ttl_days: ["The default lifetime (100 days) is above the maximum (50 days)"],
        },
      },
    });
    expect(await change({ key: f.adminKey }, { key_max_ttl_days: 30, lifetime: 3 })).toMatchObject({
      status: 400,
      data: { fields: { lifetime: ["Unknown field"] } },
    });
    expect(await change({ key: f.adminKey }, {})).toMatchObject({
      status: 400,
      data: { fields: { _: ["Give at least one setting to change"] } },
    });
    expect(await change({ key: f.adminKey }, { key_allow_no_expiry: "yes" })).toMatchObject({
      status: 400,
      data: { fields: { key_allow_no_expiry: ["Must be true or false"] } },
    });
    expect(await db.settings.count()).toBe(0);
  });

  it("PATCH saves, answers the whole set, and GET reads it back; audited as settings.updated", async () => {
    const saved = await change({ cookie: f.adminCookie }, { key_max_ttl_days: 120, idle_key_days: 0 });
    expect(saved).toMatchObject({ status: 200, data: { key_max_ttl_days: 120, idle_key_days: 0 } });
    expect((await read({ key: f.adminKey })).data).toEqual(saved.data);
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "settings.updated" } })).toMatchObject({
      actorId: f.admin.id,
      details: { changed: { key_max_ttl_days: { from: 365, to: 120 }, idle_key_days: { from: 90, to: 0 } } },
    });
  });
});
