// The usage routes through the one /api/v1 dispatcher: scopes, admin-only paths, 404 for another
// user's key, 400 naming the bad query field, and the counts themselves.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushUsageCounts } from "@/lib/usage/counter";
import { verifyKey } from "@/lib/keys/verify";
import { adminFixtures } from "@/tests/support/admin-fixtures";
import { apiRequest, call, keyFor } from "@/tests/support/fixtures";

let f: Awaited<ReturnType<typeof adminFixtures>>;
let counted: { id: string; secret: string };

beforeAll(async () => {
  f = await adminFixtures();
  counted = await keyFor(f.user);
  for (let i = 0; i < 4; i++) await verifyKey(counted.secret);
  await flushUsageCounts();
});

const get = (path: string, credentials: { key: string } | { cookie: string }) =>
  call(apiRequest("GET", `/api/v1${path}`, credentials));

describe("GET /keys/{id}/usage", () => {
  it("answers the owner with 24 hourly buckets and the totals", async () => {
    const response = await get(`/keys/${counted.id}/usage`, { cookie: f.userCookie });
    expect(response.status).toBe(200);
    expect(response.data.totals).toEqual({ valid: 4, revoked: 0, expired: 0, owner_disabled: 0, total: 4 });
    // The hour holding `from` (24 h ago) through the current one.
    expect(response.data.buckets).toHaveLength(25);
    expect(response.data.buckets.at(-1)).toMatchObject({ valid: 4 });
  });

  it("adds the hours up by day when asked", async () => {
    const from = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const response = await get(`/keys/${counted.id}/usage?granularity=day&from=${from}`, { cookie: f.userCookie });
    expect(response.status).toBe(200);
    expect(response.data.buckets).toHaveLength(4);
    expect(response.data.buckets.at(-1)).toMatchObject({ valid: 4 });
  });

  it("is a 404 for another user's key, and a 403 for a key without keys:read", async () => {
    expect((await get(`/keys/${counted.id}/usage`, { cookie: f.adminCookie })).status).toBe(404);
    const modelsOnly = await keyFor(f.user, ["models:read"]);
    expect((await get(`/keys/${counted.id}/usage`, { key: modelsOnly.secret })).status).toBe(403);
  });

  it("is a 400 naming the field for a bad range or granularity", async () => {
    const bad = await get(`/keys/${counted.id}/usage?granularity=week&from=soon`, { cookie: f.userCookie });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.fields).sort()).toEqual(["from", "granularity"]);
  });
});

describe("admin usage routes", () => {
  it("GET /admin/users/{user}/keys/{id}/usage reads any user's key, by email too", async () => {
    const response = await get(`/admin/users/${encodeURIComponent(f.user.email)}/keys/${counted.id}/usage`, {
      key: f.adminKey,
    });
    expect(response.status).toBe(200);
    expect(response.data.totals.valid).toBe(4);
  });

  it("GET /admin/overview counts users, keys and verifications", async () => {
    const response = await get("/admin/overview", { cookie: f.adminCookie });
    expect(response.status).toBe(200);
    expect(response.data.users).toBe(await db.user.count());
    expect(response.data.keys.active).toBe(await db.apiKey.count({ where: { revokedAt: null } }));
    expect(response.data.verifications.last_24h).toBeGreaterThanOrEqual(4);
    expect(response.data).toHaveProperty("never_expire");
  });

  it("GET /admin/usage ranks the most-used keys", async () => {
    const response = await get("/admin/usage?granularity=day", { key: f.adminKey });
    expect(response.status).toBe(200);
    expect(response.data.top_keys[0]).toMatchObject({
      id: counted.id,
      verifications: 4,
      owner: { email: f.user.email },
    });
  });

  it.each(["/admin/overview", "/admin/usage", `/admin/users/x/keys/y/usage`])("%s is for admins only", async (path) => {
    expect((await get(path, { cookie: f.userCookie })).status).toBe(403);
    expect((await get(path, { key: f.unscopedAdminKey })).status).toBe(403);
  });
});
