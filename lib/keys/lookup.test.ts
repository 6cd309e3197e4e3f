// POST /admin/keys/lookup: an admin names any key by its secret, in the body, whatever its status.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { generateKey } from "@/lib/keys/format";
import { adminFixtures } from "@/tests/support/admin-fixtures";
import { apiRequest, call, createUser, keyFor } from "@/tests/support/fixtures";

const lookup = (adminKey: string, key: string) =>
  call(apiRequest("POST", "/api/v1/admin/keys/lookup", { key: adminKey, body: { key } }));

let f: Awaited<ReturnType<typeof adminFixtures>>;
beforeAll(async () => {
  f = await adminFixtures();
});

describe("POST /admin/keys/lookup", () => {
  it("finds active, revoked and expired keys of any user, with the owner's email", async () => {
    const owner = await createUser({ email: "owner@example.test" });
    const revoked = await keyFor(owner);
    const expired = await keyFor(owner);
    await db.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    await db.apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    expect(await lookup(f.adminKey, f.userKey)).toMatchObject({
      status: 200,
      data: { id: f.userKeyId, status: "active", owner_email: f.user.email },
    });
    expect(await lookup(f.adminKey, revoked.secret)).toMatchObject({
      status: 200,
      data: { id: revoked.id, status: "revoked", owner_email: "owner@example.test" },
    });
    const found = await lookup(f.adminKey, expired.secret);
    expect(found).toMatchObject({ status: 200, data: { id: expired.id, status: "expired" } });
    expect(JSON.stringify(found.data)).not.toContain(expired.secret);
  });

  it("answers 404 for a secret no key has", async () => {
    expect(await lookup(f.adminKey, generateKey("kd"))).toMatchObject({ status: 404, message: "API key not found" });
  });
});
