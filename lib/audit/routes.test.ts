// GET /admin/audit over a real sequence of admin changes, and proof that no secret reached the log.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashKey } from "@/lib/keys/format";
import { adminFixtures } from "@/tests/support/admin-fixtures";
import { apiRequest, call, TEST_PASSWORD } from "@/tests/support/fixtures";

const FIRST_PASSWORD = "first secret password 1";
const SECOND_PASSWORD = "second secret password 2";
const AUDIT_FIELDS = ["action", "actor", "created_at", "details", "id", "ip", "target", "user_agent"];
const CLIENT = { "x-forwarded-for": "203.0.113.7", "user-agent": "audit-test/1.0" };

let f: Awaited<ReturnType<typeof adminFixtures>>;
let targetId: string;
let generatedKeyId: string;
const secrets: string[] = [];

beforeAll(async () => {
  f = await adminFixtures();
  secrets.push(f.adminKey, f.unscopedAdminKey, f.userKey);
  const auth = { cookie: f.adminCookie, headers: CLIENT };
  const created = await call(
    apiRequest("POST", "/api/v1/admin/users", {
      ...auth,
      body: { email: "Audited@Example.test", password: FIRST_PASSWORD },
    }),
  );
  expect(created.status).toBe(201);
  targetId = created.data.id;
  const path = `/api/v1/admin/users/${targetId}`;
  expect(
    (await call(apiRequest("PATCH", path, { ...auth, body: { password: SECOND_PASSWORD, role: "ADMIN" } }))).status,
  ).toBe(200);
  const generated = await call(apiRequest("POST", `${path}/keys`, { key: f.adminKey, body: {} }));
  expect(generated.status).toBe(201);
  generatedKeyId = generated.data.id;
  secrets.push(generated.data.key);
  expect((await call(apiRequest("POST", `${path}/keys/${generatedKeyId}/revoke`, auth))).status).toBe(200);
  expect((await call(apiRequest("DELETE", `${path}/keys/${generatedKeyId}`, auth))).status).toBe(200);
  expect((await call(apiRequest("DELETE", path, auth))).status).toBe(200);
});

const audit = (query = "") => call(apiRequest("GET", `/api/v1/admin/audit${query}`, { key: f.adminKey }));
const actions = (items: { action: string }[]) => items.map((item) => item.action);

describe("GET /admin/audit", () => {
  it("pages every event, newest first, in the documented shape", async () => {
    const response = await audit();
    expect(response.status).toBe(200);
    // Three fixture keys, then the six changes made above.
    expect(response.data).toMatchObject({ total: 9, page: 1, per_page: 20 });
    expect(actions(response.data.items)).toEqual([
      "user.deleted",
      "key.deleted",
      "key.revoked",
      "key.created",
      "user.updated",
      "user.created",
      "key.created",
      "key.created",
      "key.created",
    ]);
    expect(Object.keys(response.data.items[0]).sort()).toEqual(AUDIT_FIELDS);
    expect(response.data.items[0]).toMatchObject({
      actor: { id: f.admin.id, email: "root@example.test", key_id: null },
      target: { type: "user", id: targetId },
      ip: "203.0.113.7",
      user_agent: "audit-test/1.0",
      details: { email: "audited@example.test", role: "ADMIN", key_count: 0 },
    });
    expect(Date.parse(response.data.items[0].created_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("records the key an admin acted with", async () => {
    const response = await audit(`?target=${generatedKeyId}&action=key.created`);
    expect(response.data.items).toHaveLength(1);
    expect(response.data.items[0]).toMatchObject({
      actor: { id: f.admin.id, key_id: f.adminKeyId },
      target: { type: "key", id: generatedKeyId },
      details: { owner_id: targetId },
    });
  });

  it("filters by action", async () => {
    const response = await audit("?action=user.updated");
    expect(response.data.total).toBe(1);
    expect(response.data.items[0]).toMatchObject({
      target: { id: targetId },
      details: { email: "audited@example.test", changed: ["role", "password"] },
    });
  });

  it("filters by target id", async () => {
    const response = await audit(`?target=${targetId}`);
    expect(actions(response.data.items)).toEqual(["user.deleted", "user.updated", "user.created"]);
    const key = await audit(`?target=${generatedKeyId}`);
    expect(actions(key.data.items)).toEqual(["key.deleted", "key.revoked", "key.created"]);
  });

  it("filters by actor id, or by actor email in any case", async () => {
    const byUser = await audit(`?actor=${f.user.id}`);
    expect(byUser.data).toMatchObject({
      total: 1,
      items: [{ action: "key.created", actor: { email: "plain@example.test" } }],
    });
    const byEmail = await audit("?actor=ROOT%40Example.test");
    expect(byEmail.data.total).toBe(8);
    const byId = await audit(`?actor=${f.admin.id}&action=key.created`);
    expect(byId.data.total).toBe(3);
    expect(await audit("?actor=nobody%40example.test")).toMatchObject({ status: 200, data: { items: [], total: 0 } });
  });

  it("pages", async () => {
    const second = await audit("?per_page=4&page=2");
    expect(second.data).toMatchObject({ total: 9, page: 2, per_page: 4 });
    expect(actions(second.data.items)).toEqual(["user.updated", "user.created", "key.created", "key.created"]);
    const last = await audit("?per_page=4&page=3");
    expect(last.data.items).toHaveLength(1);
  });

  it.each([
    ["?action=user.hacked", "action"],
    ["?per_page=0", "per_page"],
    ["?per_page=101", "per_page"],
    ["?page=x", "page"],
    ["?since=yesterday", "since"],
  ])("400s the query %s", async (query, field) => {
    const response = await audit(query);
    expect(response).toMatchObject({ status: 400, code: 400, message: "Invalid query" });
    expect(Object.keys(response.data.fields)).toEqual([field]);
  });
});

describe("the audit log", () => {
  it("holds no password, password hash, API key secret or key hash in any column", async () => {
    const rows = await db.$queryRaw<{ row: string }[]>`SELECT a::text AS row FROM audit_events a`;
    expect(rows).toHaveLength(9);
    const text = rows.map((r) => r.row).join("\n");
    const forbidden = [FIRST_PASSWORD, SECOND_PASSWORD, TEST_PASSWORD, "$argon2", ...secrets, ...secrets.map(hashKey)];
    expect(secrets).toHaveLength(4);
    for (const value of forbidden) expect(text).not.toContain(value);
  });
});
