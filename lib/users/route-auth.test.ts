// Every admin route refuses the unauthenticated (401), users (403) and an admin's key that
// lacks the admin scope (403), before it reads the body or touches a row.
import { beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "@/lib/api/route-table";
import { db } from "@/lib/db";
import { adminFixtures } from "@/tests/support/admin-fixtures";
import { apiRequest, call } from "@/tests/support/fixtures";

type Fixtures = Awaited<ReturnType<typeof adminFixtures>>;
let f: Fixtures;

beforeAll(async () => {
  f = await adminFixtures();
});

// Bodies that would succeed for an admin, so a refusal can only come from the access check.
const BODIES: Record<string, unknown> = {
  "POST /admin/users": { email: "intruder@example.test", password: "a long enough password", role: "ADMIN" },
  "PATCH /admin/users/{user}": { role: "ADMIN" },
  "POST /admin/users/{user}/keys": {},
};

/** Every admin route of the route table, with its path filled in for the fixtures' user and key. */
const ADMIN_ROUTES = ROUTES.filter((route) => !route.public && route.admin).map((route) => ({
  name: `${route.method} ${route.path}`,
  method: route.method,
  path: (fx: Fixtures) => `/api/v1${route.path.replace("{user}", fx.user.id).replace("{id}", fx.userKeyId)}`,
  body: BODIES[`${route.method} ${route.path}`],
}));

it("covers the admin routes of SPEC §4", () => {
  expect(ADMIN_ROUTES.map((route) => route.name)).toEqual(
    expect.arrayContaining([
      "GET /admin/users",
      "POST /admin/users",
      "PATCH /admin/users/{user}",
      "DELETE /admin/users/{user}",
      "POST /admin/users/{user}/keys",
      "POST /admin/users/{user}/keys/{id}/revoke",
      "DELETE /admin/users/{user}/keys/{id}",
      "GET /admin/audit",
    ]),
  );
});

describe.each(ADMIN_ROUTES)("$name", (route) => {
  it("401s without credentials", async () => {
    const response = await call(apiRequest(route.method, route.path(f), { body: route.body }));
    expect(response).toMatchObject({ status: 401, code: 401, data: null, message: "Authentication required" });
  });

  it("403s a USER's session and a USER's key", async () => {
    const bySession = await call(apiRequest(route.method, route.path(f), { cookie: f.userCookie, body: route.body }));
    expect(bySession).toMatchObject({ status: 403, code: 403, data: null, message: "Administrators only" });
    const byKey = await call(apiRequest(route.method, route.path(f), { key: f.userKey, body: route.body }));
    expect(byKey).toMatchObject({ status: 403, message: "Administrators only" });
  });

  it("403s an ADMIN's key that lacks the admin scope", async () => {
    const response = await call(apiRequest(route.method, route.path(f), { key: f.unscopedAdminKey, body: route.body }));
    expect(response).toMatchObject({ status: 403, code: 403, data: null, message: "This needs the admin scope" });
  });
});

describe("refused calls", () => {
  it("changed nothing", async () => {
    expect(await db.user.count({ where: { email: "intruder@example.test" } })).toBe(0);
    const user = await db.user.findUniqueOrThrow({ where: { id: f.user.id }, select: { role: true, disabled: true } });
    expect(user).toEqual({ role: "USER", disabled: false });
    const key = await db.apiKey.findUniqueOrThrow({ where: { id: f.userKeyId }, select: { revokedAt: true } });
    expect(key.revokedAt).toBeNull();
    expect(await db.apiKey.count({ where: { ownerId: f.user.id } })).toBe(1);
    const changes = await db.auditEvent.count({
      where: { action: { in: ["user.created", "user.updated", "user.deleted", "key.revoked", "key.deleted"] } },
    });
    expect(changes).toBe(0);
  });
});
