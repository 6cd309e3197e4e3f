import { beforeAll, describe, expect, it } from "vitest";
import { SCOPES } from "@/lib/auth/caller";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { keyCache } from "@/lib/keys/key-cache";
import { verifyKey } from "@/lib/keys/verify";
import { adminFixtures } from "@/tests/support/admin-fixtures";
import { apiRequest, call, createUser, keyFor, sessionCookie, TEST_PASSWORD } from "@/tests/support/fixtures";

let f: Awaited<ReturnType<typeof adminFixtures>>;

beforeAll(async () => {
  f = await adminFixtures();
  // With the listener up the cache really holds keys, so these tests prove it is dropped on change.
  await keyCache().listen();
});

const patch = (ref: string, body: unknown) =>
  call(apiRequest("PATCH", `/api/v1/admin/users/${encodeURIComponent(ref)}`, { cookie: f.adminCookie, body }));

const lastUpdate = (targetId: string) =>
  db.auditEvent.findFirstOrThrow({
    where: { action: "user.updated", targetId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });

describe("PATCH /admin/users/{user}", () => {
  it("renames and promotes a user, and audits the changed field names", async () => {
    const target = await createUser({ email: "promote@example.test" });
    const response = await patch("Promote@Example.test", { name: " Promoted ", role: "ADMIN" });
    expect(response).toMatchObject({
      status: 200,
      data: { id: target.id, name: "Promoted", role: "ADMIN", disabled: false },
    });
    const event = await lastUpdate(target.id);
    expect(event).toMatchObject({
      actorId: f.admin.id,
      targetType: "user",
      details: { email: "promote@example.test", changed: ["name", "role"] },
    });
  });

  it("re-hashes a new password and audits only the word 'password'", async () => {
    const target = await createUser({ email: "rekey@example.test" });
    const password = "a brand new long password";
    const response = await patch(target.id, { password });
    expect(response.status).toBe(200);
    expect(Object.keys(response.data)).not.toContain("password");
    const row = await db.user.findUniqueOrThrow({ where: { id: target.id }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash!, password)).toBe(true);
    expect(await verifyPassword(row.passwordHash!, TEST_PASSWORD)).toBe(false);
    const event = await lastUpdate(target.id);
    expect(event.details).toEqual({ email: "rekey@example.test", changed: ["password"] });
    expect(JSON.stringify(event)).not.toContain(password);
  });

  it.each([
    ["an empty body", {}, "_", "Give at least one of name, role, disabled or password"],
    ["a short password", { password: "too short" }, "password", "Password must be at least 12 characters"],
    ["a bad role", { role: "owner" }, "role", "Role must be one of ADMIN, USER"],
    ["a non-boolean disabled", { disabled: "yes" }, "disabled", "Invalid input: expected boolean, received string"],
    ["an unknown field", { email: "x@example.test" }, "email", "Unknown field"],
  ])("400s %s", async (_, body, field, message) => {
    const response = await patch(f.user.id, body);
    expect(response).toMatchObject({ status: 400, code: 400, message: "Invalid request body" });
    expect(response.data.fields[field]).toEqual([message]);
  });

  it("404s an unknown user", async () => {
    expect(await patch("ghost@example.test", { name: "Ghost" })).toMatchObject({
      status: 404,
      data: null,
      message: "User not found",
    });
  });
});

describe("disabling and enabling a user", () => {
  it("makes their keys verify as owner_disabled at once, ends their session, and enabling restores both", async () => {
    const target = await createUser({ email: "pause@example.test" });
    const { secret } = await keyFor(target);
    const cookie = await sessionCookie(target);
    expect(await verifyKey(secret)).toMatchObject({ valid: true });

    const disabled = await patch(target.id, { disabled: true });
    expect(disabled).toMatchObject({ status: 200, data: { disabled: true } });
    expect(await verifyKey(secret)).toEqual({ valid: false, reason: "owner_disabled" });
    expect((await call(apiRequest("GET", "/api/v1/me", { key: secret }))).status).toBe(401);
    expect((await call(apiRequest("GET", "/api/v1/me", { cookie }))).status).toBe(401);

    const enabled = await patch(target.id, { disabled: false });
    expect(enabled).toMatchObject({ status: 200, data: { disabled: false } });
    expect(await verifyKey(secret)).toMatchObject({ valid: true, key: { ownerId: target.id } });
    expect((await call(apiRequest("GET", "/api/v1/me", { cookie }))).status).toBe(200);
    const events = await db.auditEvent.findMany({
      where: { action: "user.updated", targetId: target.id },
      orderBy: { id: "asc" },
      select: { details: true },
    });
    expect(events.map((event) => event.details)).toEqual([
      { email: "pause@example.test", changed: ["disabled"] },
      { email: "pause@example.test", changed: ["disabled"] },
    ]);
  });

  it("lists the disabled user under disabled=true", async () => {
    const response = await call(
      apiRequest("GET", "/api/v1/admin/users?disabled=true&q=pause", { cookie: f.adminCookie }),
    );
    expect(response.data.total).toBe(0);
    await patch("pause@example.test", { disabled: true });
    const after = await call(apiRequest("GET", "/api/v1/admin/users?disabled=true&q=pause", { cookie: f.adminCookie }));
    expect(after.data.items.map((u: { email: string }) => u.email)).toEqual(["pause@example.test"]);
  });
});

describe("demoting an admin", () => {
  it("takes the admin power from their admin-scoped key at once", async () => {
    const other = await createUser({ email: "deputy@example.test", role: "ADMIN" });
    const { secret } = await keyFor(other, [...SCOPES]);
    const list = () => call(apiRequest("GET", "/api/v1/admin/users", { key: secret }));
    expect((await list()).status).toBe(200);
    expect(await patch(other.id, { role: "USER" })).toMatchObject({ status: 200, data: { role: "USER" } });
    expect(await list()).toMatchObject({ status: 403, message: "Administrators only" });
    expect(await verifyKey(secret)).toMatchObject({ valid: true, key: { ownerRole: "USER" } });
  });
});
