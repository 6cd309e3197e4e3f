// Who may call the key routes: bearer keys that no longer work are 401s, missing scopes are
// 403s, a key never grants more than it holds, and a demoted admin's key loses admin at once.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { generateKey } from "@/lib/keys/format";
import { verifyKey, verifyResponseBody } from "@/lib/keys/verify";
import { updateUser } from "@/lib/users/service";
import { apiRequest, call, callerFor, createUser, keyFor } from "@/tests/support/fixtures";
import { DAY_MS, keysApi, NON_ADMIN_SCOPES, otherProcessConnection } from "@/tests/support/key-routes";

type User = Awaited<ReturnType<typeof createUser>>;
let user: User;
let target: string;

beforeAll(async () => {
  user = await createUser({ email: "scoped@example.test" });
  target = (await keyFor(user)).id;
});

describe("bearer keys that do not authenticate", () => {
  it.each([
    ["no credentials at all", async () => ({ cookie: "" }), "Authentication required"],
    ["a malformed key", async () => ({ key: "kd_not-a-key" }), "API key is malformed"],
    ["a well-formed key that was never issued", async () => ({ key: generateKey("kd") }), "API key is not valid"],
    [
      "a revoked key",
      async () => {
        const { id, secret } = await keyFor(user);
        expect((await keysApi({ key: secret }).revoke(id)).status).toBe(200);
        return { key: secret };
      },
      "API key has been revoked",
    ],
    [
      "an expired key",
      async () => {
        const { id, secret } = await keyFor(user);
        await db.apiKey.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
        return { key: secret };
      },
      "API key has expired",
    ],
    [
      "a key whose owner is disabled",
      async () => {
        const owner = await createUser();
        const { secret } = await keyFor(owner);
        await db.user.update({ where: { id: owner.id }, data: { disabled: true } });
        return { key: secret };
      },
      "API key's owner is disabled",
    ],
  ])("401s %s on reads and writes, and writes nothing", async (_label, credentials, message) => {
    const api = keysApi(await credentials());
    const keysBefore = await db.apiKey.count();
    const unauthorized = { status: 401, code: 401, data: null, message };
    expect(await api.list()).toMatchObject(unauthorized);
    expect(await api.get(target)).toMatchObject(unauthorized);
    expect(await api.create({ name: "should not exist" })).toMatchObject(unauthorized);
    expect(await api.revoke(target)).toMatchObject(unauthorized);
    expect(await api.roll(target)).toMatchObject(unauthorized);
    expect(await db.apiKey.count()).toBe(keysBefore);
  });

  it("401s an Authorization header that is not a bearer token", async () => {
    const response = await call(apiRequest("GET", "/api/v1/me", { headers: { authorization: "Token abc" } }));
    expect(response).toMatchObject({ status: 401, message: "Authorization header must be `Bearer <key>`" });
  });
});

describe("scopes", () => {
  it("a keys:read-only key can read but gets 403 on every write", async () => {
    const readOnly = keysApi({ key: (await keyFor(user, ["keys:read"])).secret });
    expect((await readOnly.list()).status).toBe(200);
    expect((await readOnly.get(target)).status).toBe(200);
    const before = await db.apiKey.findUniqueOrThrow({ where: { id: target } });
    const forbidden = { status: 403, code: 403, data: null, message: "This needs the keys:write scope" };
    expect(await readOnly.create({ name: "x" })).toMatchObject(forbidden);
    expect(await readOnly.update(target, { name: "x" })).toMatchObject(forbidden);
    expect(await readOnly.remove(target)).toMatchObject(forbidden);
    expect(await readOnly.revoke(target)).toMatchObject(forbidden);
    expect(await readOnly.renew(target)).toMatchObject(forbidden);
    expect(await readOnly.roll(target)).toMatchObject(forbidden);
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: target } })).toEqual(before);
  });

  it("a models-only key gets 403 on reads", async () => {
    const modelsOnly = keysApi({ key: (await keyFor(user, ["models:read", "models:write"])).secret });
    const forbidden = { status: 403, message: "This needs the keys:read scope" };
    expect(await modelsOnly.list()).toMatchObject(forbidden);
    expect(await modelsOnly.get(target)).toMatchObject(forbidden);
  });

  it("a key cannot grant scopes it does not hold, and by default passes on only its own", async () => {
    const keysOnly = keysApi({ key: (await keyFor(user, ["keys:read", "keys:write"])).secret });
    expect(await keysOnly.create({ name: "wider", scopes: ["keys:read", "models:write"] })).toMatchObject({
      status: 403,
      message: "You cannot grant scopes you do not hold: models:write",
    });
    expect(await keysOnly.update(target, { scopes: NON_ADMIN_SCOPES })).toMatchObject({
      status: 403,
      message: expect.stringContaining("models:read, models:write"),
    });
    expect(await keysOnly.create({ name: "narrow" })).toMatchObject({
      status: 201,
      data: { scopes: ["keys:read", "keys:write"] },
    });
  });
});

describe("a demoted administrator's key", () => {
  async function adminWithKey() {
    const admin = await createUser({ role: "ADMIN" });
    const { secret } = await keyFor(admin, ["keys:read", "keys:write", "admin"]);
    const api = keysApi({ key: secret });
    // Used once while an admin, so the key sits in this process's cache with role ADMIN.
    expect(await api.create({ name: "ops", scopes: ["admin"] })).toMatchObject({
      status: 201,
      data: { scopes: ["admin"] },
    });
    expect((await call(apiRequest("GET", "/api/v1/me", { key: secret }))).data.user.scopes).toEqual([
      "keys:read",
      "keys:write",
      "admin",
    ]);
    return { admin, secret, api };
  }

  async function expectNoAdminPower(secret: string, api: ReturnType<typeof keysApi>) {
    expect(await api.create({ name: "ops 2", scopes: ["admin"] })).toMatchObject({
      status: 403,
      message: "Only an administrator's key can hold the admin scope",
    });
    expect((await call(apiRequest("GET", "/api/v1/me", { key: secret }))).data.user).toMatchObject({
      role: "USER",
      scopes: ["keys:read", "keys:write"],
    });
    expect(verifyResponseBody(await verifyKey(secret))).toMatchObject({
      valid: true,
      scopes: ["keys:read", "keys:write"],
    });
  }

  it("loses admin power as soon as the users service's demotion returns", async () => {
    const { admin, secret, api } = await adminWithKey();
    const otherAdmin = await createUser({ role: "ADMIN" });
    await updateUser(callerFor(otherAdmin), admin.id, { role: "USER" });
    await expectNoAdminPower(secret, api);
  });

  it("loses admin power within a second of a demotion committed by another process", async () => {
    const { admin, secret, api } = await adminWithKey();
    const other = await otherProcessConnection();
    try {
      await other.query(`UPDATE users SET role = 'USER' WHERE id = $1`, [admin.id]);
    } finally {
      await other.end();
    }
    await expect
      .poll(async () => (await api.create({ name: "probe", scopes: ["admin"] })).status, {
        timeout: 1_000,
        interval: 20,
      })
      .toBe(403);
    await expectNoAdminPower(secret, api);
  });
});

describe("an expired key renewed with another of its owner's keys", () => {
  it("authenticates again", async () => {
    const { id, secret } = await keyFor(user);
    await db.apiKey.update({ where: { id }, data: { expiresAt: new Date(Date.now() - DAY_MS) } });
    expect((await keysApi({ key: secret }).list()).status).toBe(401);
    const sibling = keysApi({ key: (await keyFor(user)).secret });
    expect((await sibling.renew(id)).status).toBe(200);
    expect((await keysApi({ key: secret }).list()).status).toBe(200);
  });
});
