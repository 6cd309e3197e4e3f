// Every admin route refuses the unauthenticated (401), users (403) and an admin's key that
// lacks the admin scope (403), before it reads the body or touches a row.
import { beforeAll, describe, expect, it } from "vitest";
import * as audit from "@/app/api/v1/admin/audit/route";
import * as keyRoute from "@/app/api/v1/admin/users/[user]/keys/[id]/route";
import * as revokeRoute from "@/app/api/v1/admin/users/[user]/keys/[id]/revoke/route";
import * as keysRoute from "@/app/api/v1/admin/users/[user]/keys/route";
import * as userRoute from "@/app/api/v1/admin/users/[user]/route";
import * as usersRoute from "@/app/api/v1/admin/users/route";
import { db } from "@/lib/db";
import { adminFixtures } from "@/tests/support/admin-fixtures";
import { apiRequest, call } from "@/tests/support/fixtures";

type Fixtures = Awaited<ReturnType<typeof adminFixtures>>;
let f: Fixtures;

beforeAll(async () => {
  f = await adminFixtures();
});

type Route = {
  name: string;
  handler: Parameters<typeof call>[0];
  method: string;
  path: (f: Fixtures) => string;
  body?: unknown;
};

const userPath = (fx: Fixtures) => `/api/v1/admin/users/${fx.user.id}`;
const keyPath = (fx: Fixtures) => `${userPath(fx)}/keys/${fx.userKeyId}`;

const ROUTES: Route[] = [
  { name: "GET /admin/users", handler: usersRoute.GET, method: "GET", path: () => "/api/v1/admin/users" },
  {
    name: "POST /admin/users",
    handler: usersRoute.POST,
    method: "POST",
    path: () => "/api/v1/admin/users",
    body: { email: "intruder@example.test", password: "a long enough password", role: "ADMIN" },
  },
  { name: "GET /admin/users/{user}", handler: userRoute.GET, method: "GET", path: userPath },
  {
    name: "PATCH /admin/users/{user}",
    handler: userRoute.PATCH,
    method: "PATCH",
    path: userPath,
    body: { role: "ADMIN" },
  },
  { name: "DELETE /admin/users/{user}", handler: userRoute.DELETE, method: "DELETE", path: userPath },
  { name: "GET /admin/users/{user}/keys", handler: keysRoute.GET, method: "GET", path: (fx) => `${userPath(fx)}/keys` },
  {
    name: "POST /admin/users/{user}/keys",
    handler: keysRoute.POST,
    method: "POST",
    path: (fx) => `${userPath(fx)}/keys`,
    body: {},
  },
  { name: "GET /admin/users/{user}/keys/{id}", handler: keyRoute.GET, method: "GET", path: keyPath },
  { name: "DELETE /admin/users/{user}/keys/{id}", handler: keyRoute.DELETE, method: "DELETE", path: keyPath },
  {
    name: "POST /admin/users/{user}/keys/{id}/revoke",
    handler: revokeRoute.POST,
    method: "POST",
    path: (fx) => `${keyPath(fx)}/revoke`,
  },
  { name: "GET /admin/audit", handler: audit.GET, method: "GET", path: () => "/api/v1/admin/audit" },
];

const paramsFor = (fx: Fixtures) => ({ user: fx.user.id, id: fx.userKeyId });

describe.each(ROUTES)("$name", (route) => {
  it("401s without credentials", async () => {
    const response = await call(
      route.handler,
      apiRequest(route.method, route.path(f), { body: route.body }),
      paramsFor(f),
    );
    expect(response).toMatchObject({ status: 401, code: 401, data: null, message: "Authentication required" });
  });

  it("403s a USER's session and a USER's key", async () => {
    const bySession = await call(
      route.handler,
      apiRequest(route.method, route.path(f), { cookie: f.userCookie, body: route.body }),
      paramsFor(f),
    );
    expect(bySession).toMatchObject({ status: 403, code: 403, data: null, message: "Administrators only" });
    const byKey = await call(
      route.handler,
      apiRequest(route.method, route.path(f), { key: f.userKey, body: route.body }),
      paramsFor(f),
    );
    expect(byKey).toMatchObject({ status: 403, message: "Administrators only" });
  });

  it("403s an ADMIN's key that lacks the admin scope", async () => {
    const response = await call(
      route.handler,
      apiRequest(route.method, route.path(f), { key: f.unscopedAdminKey, body: route.body }),
      paramsFor(f),
    );
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
