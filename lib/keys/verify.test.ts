// Key verification: POST /api/v1/keys/verify through its route handler, and verifyKey itself,
// which is what server.ts's fast path calls with the same request body rules.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { db } from "@/lib/db";
import { checksum, generateKey } from "@/lib/keys/format";
import { verifyKey, verifyResponseBody } from "@/lib/keys/verify";
import { apiRequest, call, createUser, keyFor } from "@/tests/support/fixtures";
import { DAY_MS, NON_ADMIN_SCOPES } from "@/tests/support/key-routes";

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;

beforeAll(async () => {
  owner = await createUser();
});

afterEach(() => {
  vi.restoreAllMocks();
  process.env.KEY_PREFIX = "kd";
  resetConfigForTests();
});

const viaRoute = (
  body: unknown,
  options: { rawBody?: string; contentType?: string; headers?: Record<string, string> } = {},
) => call(apiRequest("POST", "/api/v1/keys/verify", { body, ...options }));

/** A fresh, never-verified key of a fresh owner, so nothing about it is cached yet. */
async function freshKey(scopes?: Parameters<typeof keyFor>[1]) {
  const user = await createUser();
  return { user, ...(await keyFor(user, scopes)) };
}

describe("POST /api/v1/keys/verify (route handler)", () => {
  it("200s {valid: true, key_id, user_id, scopes, expires_at} for a working key, without authentication", async () => {
    const { id, secret } = await keyFor(owner, ["keys:read", "models:read"]);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id } });
    const response = await viaRoute({ key: secret });
    expect(response).toMatchObject({ status: 200, code: 0, message: "success" });
    expect(response.data).toEqual({
      valid: true,
      key_id: id,
      user_id: owner.id,
      scopes: ["keys:read", "models:read"],
      expires_at: row.expiresAt!.toISOString(),
    });
  });

  it.each([
    ["malformed", async () => "kd_" + "0".repeat(32) + "000000"],
    ["not_found", async () => generateKey("kd")],
    [
      "revoked",
      async () => {
        const { id, secret } = await freshKey();
        await db.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
        return secret;
      },
    ],
  ])("200s {valid: false, reason: %s}", async (reason, makeSecret) => {
    expect(await viaRoute({ key: await makeSecret() })).toMatchObject({
      status: 200,
      code: 0,
      data: { valid: false, reason },
    });
  });

  it("ignores a bad Authorization header: verification needs no credentials", async () => {
    const { secret } = await keyFor(owner);
    const response = await viaRoute({ key: secret }, { headers: { authorization: "Bearer kd_nonsense" } });
    expect(response).toMatchObject({ status: 200, data: { valid: true } });
  });

  it.each([
    ["a missing key", {}, "key"],
    ["an empty key", { key: "" }, "key"],
    ["a number", { key: 42 }, "key"],
    ["a key over 512 characters", { key: "k".repeat(513) }, "key"],
    ["an unknown field", { key: "kd_x", extra: true }, "extra"],
  ])("400s %s and names the field", async (_label, body, field) => {
    const response = await viaRoute(body);
    expect(response).toMatchObject({ status: 400, code: 400, message: "Invalid request body" });
    expect(Object.keys(response.data.fields)).toEqual([field]);
  });

  it("400s malformed JSON and 415s a body that is not JSON", async () => {
    expect(await viaRoute(undefined, { rawBody: '{"key":' })).toMatchObject({
      status: 400,
      message: "Request body is not valid JSON",
    });
    expect(await viaRoute(undefined, { rawBody: "key=abc", contentType: "text/plain" })).toMatchObject({
      status: 415,
      data: null,
    });
  });
});

describe("verifyKey", () => {
  it.each([
    ["a bad checksum", "kd_" + "0".repeat(32) + "000000"],
    ["a wrong prefix", "xx_" + "0".repeat(32) + checksum("xx_" + "0".repeat(32))],
    ["a short key", "kd_abc"],
    ["an empty string", ""],
    ["a number", 42],
    ["null", null],
    ["an object", { key: "kd_" }],
  ])("says malformed for %s, without a database query", async (_label, secret) => {
    const query = vi.spyOn(db, "$queryRaw");
    expect(await verifyKey(secret)).toEqual({ valid: false, reason: "malformed" });
    expect(query).not.toHaveBeenCalled();
  });

  it("checks the configured prefix", async () => {
    process.env.KEY_PREFIX = "acme";
    resetConfigForTests();
    expect(await verifyKey(generateKey("kd"))).toEqual({ valid: false, reason: "malformed" });
    expect(await verifyKey(generateKey("acme"))).toEqual({ valid: false, reason: "not_found" });
  });

  it("says not_found for a well-formed key that was never issued, after one query", async () => {
    const query = vi.spyOn(db, "$queryRaw");
    expect(await verifyKey(generateKey("kd"))).toEqual({ valid: false, reason: "not_found" });
    expect(query).toHaveBeenCalledTimes(1);
  });

  it("says revoked, expired and owner_disabled", async () => {
    const revoked = await freshKey();
    await db.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    expect(await verifyKey(revoked.secret)).toEqual({ valid: false, reason: "revoked" });

    const expired = await freshKey();
    await db.apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await verifyKey(expired.secret)).toEqual({ valid: false, reason: "expired" });

    const disabled = await freshKey();
    await db.user.update({ where: { id: disabled.user.id }, data: { disabled: true } });
    expect(await verifyKey(disabled.secret)).toEqual({ valid: false, reason: "owner_disabled" });
  });

  it("reports revocation before expiry, and expiry before a disabled owner", async () => {
    const both = await freshKey();
    await db.apiKey.update({
      where: { id: both.id },
      data: { revokedAt: new Date(), expiresAt: new Date(Date.now() - DAY_MS) },
    });
    await db.user.update({ where: { id: both.user.id }, data: { disabled: true } });
    expect(await verifyKey(both.secret)).toEqual({ valid: false, reason: "revoked" });
    const expired = await freshKey();
    await db.apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - DAY_MS) } });
    await db.user.update({ where: { id: expired.user.id }, data: { disabled: true } });
    expect(await verifyKey(expired.secret)).toEqual({ valid: false, reason: "expired" });
  });

  it("says valid with the key, its owner, scopes and expiry", async () => {
    const { user, id, secret } = await freshKey();
    const result = await verifyKey(secret);
    expect(result).toMatchObject({
      valid: true,
      key: {
        keyId: id,
        ownerId: user.id,
        ownerEmail: user.email,
        ownerRole: "USER",
        scopes: NON_ADMIN_SCOPES,
        revokedAt: null,
      },
    });
    const { expiresAt } = await db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(expiresAt!.getTime()).toBeGreaterThan(Date.now() + 89 * DAY_MS);
    expect(verifyResponseBody(result)).toEqual({
      valid: true,
      key_id: id,
      user_id: user.id,
      scopes: NON_ADMIN_SCOPES,
      expires_at: expiresAt!.toISOString(),
    });
  });

  it("answers expires_at null for a key that never expires", async () => {
    const { id, secret } = await freshKey();
    await db.apiKey.update({ where: { id }, data: { expiresAt: null, ttlDays: null } });
    expect(verifyResponseBody(await verifyKey(secret))).toMatchObject({ valid: true, key_id: id, expires_at: null });
  });

  it("never reports more scopes than the owner's role allows", async () => {
    // Rows written before a demotion, or by hand, may still list admin.
    const { id, secret } = await freshKey();
    await db.apiKey.update({ where: { id }, data: { scopes: ["keys:read", "admin"] } });
    expect(verifyResponseBody(await verifyKey(secret))).toMatchObject({ valid: true, scopes: ["keys:read"] });
  });
});
