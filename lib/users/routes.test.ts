import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { adminFixtures } from "@/tests/support/admin-fixtures";
import { apiRequest, call, createUser as insertUser, keyFor } from "@/tests/support/fixtures";

const USER_FIELDS = ["created_at", "disabled", "email", "id", "key_count", "last_login_at", "name", "role"];
const PASSWORD = "a perfectly long password";
let f: Awaited<ReturnType<typeof adminFixtures>>;

beforeAll(async () => {
  f = await adminFixtures();
});

const post = (body: unknown, auth: { cookie?: string; key?: string } = { cookie: f.adminCookie }) =>
  call(apiRequest("POST", "/api/v1/admin/users", { ...auth, body }));

describe("POST /admin/users", () => {
  it("creates a user with a lower-cased email and an argon2id hash, and answers 201 without the hash", async () => {
    const response = await post({ email: "  New.Person@Example.TEST ", name: "New Person", password: PASSWORD });
    expect(response.status).toBe(201);
    expect(Object.keys(response.data).sort()).toEqual(USER_FIELDS);
    expect(response.data).toMatchObject({
      email: "new.person@example.test",
      name: "New Person",
      role: "USER",
      disabled: false,
      last_login_at: null,
      key_count: 0,
    });
    const row = await db.user.findUniqueOrThrow({ where: { id: response.data.id }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash!, PASSWORD)).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.created", targetId: response.data.id },
    });
    expect(event).toMatchObject({
      actorId: f.admin.id,
      actorKeyId: null,
      targetType: "user",
      details: { email: "new.person@example.test", role: "USER" },
    });
  });

  it("creates an admin through an admin-scoped key, recording the key as the actor's", async () => {
    const response = await post(
      { email: "second-admin@example.test", password: PASSWORD, role: "ADMIN" },
      { key: f.adminKey },
    );
    expect(response).toMatchObject({
      status: 201,
      data: { email: "second-admin@example.test", name: "", role: "ADMIN" },
    });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.created", targetId: response.data.id },
    });
    expect(event.actorKeyId).toBe(f.adminKeyId);
  });

  it.each([
    [
      "a short password",
      { email: "a@example.test", password: "short" },
      "password",
      "Password must be at least 12 characters",
    ],
    ["a bad email", { email: "not-an-email", password: PASSWORD }, "email", "Enter a valid email address"],
    ["an unknown field", { email: "b@example.test", password: PASSWORD, admin: true }, "admin", "Unknown field"],
    [
      "a bad role",
      { email: "c@example.test", password: PASSWORD, role: "ROOT" },
      "role",
      "Role must be one of ADMIN, USER",
    ],
    [
      "a missing password",
      { email: "d@example.test" },
      "password",
      "Invalid input: expected string, received undefined",
    ],
  ])("400s %s and names the field", async (_, body, field, message) => {
    const response = await post(body);
    expect(response).toMatchObject({ status: 400, code: 400, message: "Invalid request body" });
    expect(response.data.fields[field]).toEqual([message]);
  });

  it("created nothing for the rejected bodies", async () => {
    expect(
      await db.user.count({
        where: {
          email: { in: ["a@example.test", "not-an-email", "b@example.test", "c@example.test", "d@example.test"] },
        },
      }),
    ).toBe(0);
  });

  it("409s a duplicate email whatever its case", async () => {
    const response = await post({ email: "PLAIN@example.test", password: PASSWORD });
    expect(response).toMatchObject({
      status: 409,
      code: 409,
      data: null,
      message: "A user with that email already exists",
    });
    expect(await db.user.count({ where: { email: "plain@example.test" } })).toBe(1);
  });
});

describe("GET /admin/users/{user}", () => {
  const get = (ref: string) =>
    call(apiRequest("GET", `/api/v1/admin/users/${encodeURIComponent(ref)}`, { key: f.adminKey }));

  it("finds a user by id, with their key count", async () => {
    const response = await get(f.user.id);
    expect(response.status).toBe(200);
    expect(Object.keys(response.data).sort()).toEqual(USER_FIELDS);
    expect(response.data).toMatchObject({
      id: f.user.id,
      email: "plain@example.test",
      name: "Plain User",
      role: "USER",
      key_count: 1,
    });
  });

  it("finds a user by email in any case", async () => {
    const response = await get("Plain@EXAMPLE.test");
    expect(response).toMatchObject({ status: 200, data: { id: f.user.id, email: "plain@example.test" } });
  });

  it("finds a user by an email that arrives still percent-encoded", async () => {
    const response = await call(apiRequest("GET", "/api/v1/admin/users/plain%40example.test", { key: f.adminKey }));
    expect(response).toMatchObject({ status: 200, data: { id: f.user.id } });
  });

  it("404s an unknown id and an unknown email", async () => {
    expect(await get("0199aaaa-0000-7000-8000-000000000000")).toMatchObject({
      status: 404,
      code: 404,
      data: null,
      message: "User not found",
    });
    expect(await get("nobody@example.test")).toMatchObject({ status: 404, message: "User not found" });
  });
});

describe("GET /admin/users", () => {
  beforeAll(async () => {
    const alice = await insertUser({ email: "alice@list.test", name: "Alice Zephyr" });
    await keyFor(alice);
    await keyFor(alice);
    await insertUser({ email: "bob@list.test", name: "Bob", disabled: true });
    await insertUser({ email: "carol@list.test", name: "Carol", role: "ADMIN" });
  });

  const list = (query: string) => call(apiRequest("GET", `/api/v1/admin/users?${query}`, { cookie: f.adminCookie }));

  it("pages users with key counts, newest first by default", async () => {
    const response = await list("q=list.test");
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ total: 3, page: 1, per_page: 20 });
    expect(response.data.items.map((u: { email: string }) => u.email)).toEqual([
      "carol@list.test",
      "bob@list.test",
      "alice@list.test",
    ]);
    expect(response.data.items.map((u: { key_count: number }) => u.key_count)).toEqual([0, 0, 2]);
    expect(Object.keys(response.data.items[0]).sort()).toEqual(USER_FIELDS);
  });

  it("searches email and name without regard to case", async () => {
    const byName = await list("q=zEPHYR");
    expect(byName.data.items.map((u: { email: string }) => u.email)).toEqual(["alice@list.test"]);
    const byEmail = await list("q=BOB%40LIST");
    expect(byEmail.data.items.map((u: { email: string }) => u.email)).toEqual(["bob@list.test"]);
  });

  it("filters by role and by disabled", async () => {
    const admins = await list("q=list.test&role=ADMIN");
    expect(admins.data.items.map((u: { email: string }) => u.email)).toEqual(["carol@list.test"]);
    const disabled = await list("q=list.test&disabled=true");
    expect(disabled.data.items.map((u: { email: string }) => u.email)).toEqual(["bob@list.test"]);
    const enabled = await list("q=list.test&disabled=false&sort=email");
    expect(enabled.data.items.map((u: { email: string }) => u.email)).toEqual(["alice@list.test", "carol@list.test"]);
  });

  it("pages and sorts", async () => {
    const second = await list("q=list.test&sort=-email&per_page=1&page=2");
    expect(second.data).toMatchObject({ total: 3, page: 2, per_page: 1 });
    expect(second.data.items.map((u: { email: string }) => u.email)).toEqual(["bob@list.test"]);
    const beyond = await list("q=list.test&per_page=2&page=3");
    expect(beyond.data).toMatchObject({ items: [], total: 3, page: 3 });
  });

  it.each([
    ["per_page=101", "per_page"],
    ["role=ROOT", "role"],
    ["disabled=yes", "disabled"],
    ["sort=password", "sort"],
    ["page=0", "page"],
    ["extra=1", "extra"],
  ])("400s the query %s", async (query, field) => {
    const response = await list(query);
    expect(response).toMatchObject({ status: 400, message: "Invalid query" });
    expect(Object.keys(response.data.fields)).toEqual([field]);
  });
});
