import { beforeAll, describe, expect, it } from "vitest";
import { SCOPES } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { keyCache } from "@/lib/keys/key-cache";
import { verifyKey } from "@/lib/keys/verify";
import { adminFixtures } from "@/tests/support/admin-fixtures";
import { apiRequest, call, createUser, keyFor, sessionCookie } from "@/tests/support/fixtures";

let f: Awaited<ReturnType<typeof adminFixtures>>;

beforeAll(async () => {
  f = await adminFixtures();
  await keyCache().listen();
});

const remove = (ref: string, auth: { cookie?: string; key?: string } = { key: f.adminKey }) =>
  call(apiRequest("DELETE", `/api/v1/admin/users/${encodeURIComponent(ref)}`, auth));

/** A user with two keys, a model provider with a model, and default models, all as real rows. */
async function userWithEverything(email: string) {
  const user = await createUser({ email });
  const keys = [await keyFor(user), await keyFor(user, ["keys:read"])];
  await db.modelProvider.create({
    data: {
      userId: user.id,
      factory: "OpenAI",
      apiKeyEncrypted: "v1.aaaa.bbbb.cccc",
      apiKeyMasked: "cccc",
      models: { create: [{ name: "gpt-4o", type: "chat", maxTokens: 128_000 }] },
    },
  });
  await db.defaultModels.create({ data: { userId: user.id, llmId: "gpt-4o@OpenAI" } });
  return { user, keys };
}

describe("DELETE /admin/users/{user}", () => {
  it("deletes a user found by email with their keys, providers, provider models and defaults", async () => {
    const { user, keys } = await userWithEverything("leaving@example.test");
    expect(await verifyKey(keys[0]!.secret)).toMatchObject({ valid: true });

    const response = await remove("Leaving@Example.TEST");
    expect(response).toMatchObject({ status: 200, code: 0, data: { id: user.id, deleted: true } });

    expect(await db.user.count({ where: { id: user.id } })).toBe(0);
    expect(await db.apiKey.count({ where: { ownerId: user.id } })).toBe(0);
    expect(await db.modelProvider.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.providerModel.count({ where: { provider: { userId: user.id } } })).toBe(0);
    expect(await db.defaultModels.count({ where: { userId: user.id } })).toBe(0);
    const orphans = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM provider_models pm LEFT JOIN model_providers p ON p.id = pm.provider_id WHERE p.id IS NULL`;
    expect(Number(orphans[0]!.n)).toBe(0);
    // The cache held the key a moment ago; a deleted owner's key must not keep verifying.
    expect(await verifyKey(keys[0]!.secret)).toEqual({ valid: false, reason: "not_found" });
  });

  it("audits the deletion with the user's email, role and key count", async () => {
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "user.deleted" } });
    expect(event).toMatchObject({
      actorId: f.admin.id,
      actorKeyId: f.adminKeyId,
      targetType: "user",
      details: { email: "leaving@example.test", role: "USER", key_count: 2 },
    });
    const after = await call(apiRequest("GET", `/api/v1/admin/users/${event.targetId}`, { key: f.adminKey }));
    expect(after).toMatchObject({ status: 404, message: "User not found" });
  });

  it("deletes another admin, and the keys that admin generated for others survive without a creator", async () => {
    const deputy = await createUser({ email: "deputy@example.test", role: "ADMIN" });
    const deputyCookie = await sessionCookie(deputy);
    const generated = await call(
      apiRequest("POST", `/api/v1/admin/users/${f.user.id}/keys`, {
        cookie: deputyCookie,
        body: { name: "from deputy" },
      }),
    );
    expect(generated).toMatchObject({ status: 201, data: { created_by: { id: deputy.id } } });

    expect(await remove(deputy.id, { cookie: f.adminCookie })).toMatchObject({
      status: 200,
      data: { id: deputy.id, deleted: true },
    });
    const key = await db.apiKey.findUniqueOrThrow({
      where: { id: generated.data.id },
      select: { ownerId: true, createdById: true },
    });
    expect(key).toEqual({ ownerId: f.user.id, createdById: null });
    expect(await verifyKey(generated.data.key)).toMatchObject({ valid: true, key: { ownerId: f.user.id } });
  });

  it("ends a deleted admin's key and session at once", async () => {
    const deputy = await createUser({ email: "deputy-2@example.test", role: "ADMIN" });
    const { secret } = await keyFor(deputy, [...SCOPES]);
    expect(await remove(deputy.email)).toMatchObject({ status: 200 });
    const response = await remove(f.user.id, { key: secret });
    expect(response).toMatchObject({ status: 401, message: "API key is not valid" });
    expect(await db.user.count({ where: { id: f.user.id } })).toBe(1);
  });

  it("404s an unknown user, by id and by email", async () => {
    expect(await remove("0199aaaa-0000-7000-8000-000000000000")).toMatchObject({
      status: 404,
      code: 404,
      data: null,
      message: "User not found",
    });
    expect(await remove("nobody@example.test")).toMatchObject({ status: 404, message: "User not found" });
  });

  it("409s deleting yourself", async () => {
    expect(await remove(f.admin.id)).toMatchObject({ status: 409, message: "You cannot delete your own account" });
  });
});
