import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { enveloped, runRoute } from "@/lib/api/dispatch";
import { defineRoute } from "@/lib/api/route";
import { db } from "@/lib/db";
import { resetConfigForTests } from "@/lib/config";
import { apiRequest, call, createUser, keyFor, sessionCookie } from "@/tests/support/fixtures";

let cookie: string;
let userKey: string;
let user: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  user = await createUser({ email: "wrapper@example.test" });
  cookie = await sessionCookie(user);
  userKey = (await keyFor(user)).secret;
});

afterEach(() => vi.restoreAllMocks());

/** A route of the test's own at /x, run exactly as the dispatcher runs a route of the table. */
function withRoute(options: Omit<Parameters<typeof defineRoute>[0], "method" | "path" | "summary">) {
  const route = defineRoute({ method: "POST", path: "/x", summary: "test route", ...options });
  return (request: Request) => enveloped(() => runRoute(route, request));
}

const echo = withRoute({ handler: async ({ body }) => body, body: z.strictObject({ name: z.string().min(2) }) });

describe("a route's authentication", () => {
  it("401s without credentials, with the envelope", async () => {
    const response = await call(apiRequest("GET", "/api/v1/me"));
    expect(response).toMatchObject({ status: 401, code: 401, data: null, message: "Authentication required" });
  });

  it("401s for a well-formed key that does not exist and for a malformed one", async () => {
    const missing = await call(apiRequest("GET", "/api/v1/me", { key: "kd_" + "A".repeat(38) }));
    expect(missing.status).toBe(401);
    const garbled = await call(apiRequest("GET", "/api/v1/me", { headers: { authorization: "Basic abc" } }));
    expect(garbled.status).toBe(401);
  });

  it("authenticates a session cookie and a bearer key to the same user", async () => {
    const bySession = await call(apiRequest("GET", "/api/v1/me", { cookie }));
    expect(bySession.status).toBe(200);
    expect(bySession.data.user).toMatchObject({ id: user.id, email: "wrapper@example.test", role: "USER" });
    expect(bySession.data.key).toBeNull();
    const byKey = await call(apiRequest("GET", "/api/v1/me", { key: userKey }));
    expect(byKey.status).toBe(200);
    expect(byKey.data.user.id).toBe(user.id);
    expect(byKey.data.key.start).toBe(userKey.slice(0, 12));
  });

  it("401s a session whose user has been disabled since signing in", async () => {
    const other = await createUser();
    const otherCookie = await sessionCookie(other);
    await db.user.update({ where: { id: other.id }, data: { disabled: true } });
    expect((await call(apiRequest("GET", "/api/v1/me", { cookie: otherCookie }))).status).toBe(401);
  });

  it("refuses a cookie-authenticated state change from another origin, or with no Origin, with 403", async () => {
    const foreign = await call(
      apiRequest("POST", "/x", { cookie, body: { name: "ok" }, origin: "https://evil.example" }),
      echo,
    );
    expect(foreign).toMatchObject({ status: 403, message: "Cross-origin request refused" });
    const missing = await call(apiRequest("POST", "/x", { cookie, body: { name: "ok" }, origin: null }), echo);
    expect(missing.status).toBe(403);
    const same = await call(apiRequest("POST", "/x", { cookie, body: { name: "ok" } }), echo);
    expect(same).toMatchObject({ status: 200, data: { name: "ok" } });
  });

  it("does not apply the origin check to bearer-key calls", async () => {
    const response = await call(
      apiRequest("POST", "/x", {
        key: userKey,
        body: { name: "ok" },
        headers: { origin: "https://elsewhere.example" },
      }),
      echo,
    );
    expect(response.status).toBe(200);
  });

  it("403s a caller without the route's scope or role", async () => {
    const readOnly = (await keyFor(user, ["keys:read"])).secret;
    const needsWrite = withRoute({ handler: async () => "done", scope: "keys:write" });
    expect(await call(apiRequest("POST", "/x", { key: readOnly }), needsWrite)).toMatchObject({
      status: 403,
      message: "This needs the keys:write scope",
    });
    const adminOnly = withRoute({ handler: async () => "done", admin: true });
    expect((await call(apiRequest("GET", "/x", { key: userKey }), adminOnly)).status).toBe(403);
  });
});

describe("a route's request bodies", () => {
  it("415s a body that is not JSON", async () => {
    const response = await call(
      apiRequest("POST", "/x", { key: userKey, rawBody: "name=ok", contentType: "application/x-www-form-urlencoded" }),
      echo,
    );
    expect(response).toMatchObject({ status: 415, code: 415, data: null });
  });

  it("413s a body over 64 KiB, by header or by actual size", async () => {
    const big = JSON.stringify({ name: "x".repeat(70 * 1024) });
    expect((await call(apiRequest("POST", "/x", { key: userKey, rawBody: big }), echo)).status).toBe(413);
    const lying = apiRequest("POST", "/x", { key: userKey, rawBody: big, headers: { "content-length": "10" } });
    expect((await call(lying, echo)).status).toBe(413);
  });

  it("400s malformed JSON", async () => {
    const response = await call(apiRequest("POST", "/x", { key: userKey, rawBody: '{"name": ' }), echo);
    expect(response).toMatchObject({ status: 400, message: "Request body is not valid JSON", data: null });
  });

  it("400s invalid fields with every bad field named, unknown ones included", async () => {
    const response = await call(apiRequest("POST", "/x", { key: userKey, body: { name: "x", extra: 1 } }), echo);
    expect(response.status).toBe(400);
    expect(response.data.fields.name).toHaveLength(1);
    expect(response.data.fields.extra).toEqual(["Unknown field"]);
  });
});

describe("a route's error mapping", () => {
  it("turns a unique violation into 409 and a missing row into 404", async () => {
    const duplicate = withRoute({
      handler: async () => db.user.create({ data: { email: "wrapper@example.test" }, select: { id: true } }),
    });
    expect((await call(apiRequest("POST", "/x", { key: userKey }), duplicate)).status).toBe(409);
    const missing = withRoute({
      handler: async () => db.user.update({ where: { id: "nope" }, data: { name: "x" }, select: { id: true } }),
    });
    expect((await call(apiRequest("POST", "/x", { key: userKey }), missing)).status).toBe(404);
  });

  it("turns an unknown error into a logged 500 that does not leak its message", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = withRoute({
      handler: async () => {
        throw new Error("secret internal detail");
      },
    });
    const response = await call(apiRequest("GET", "/x", { key: userKey }), broken);
    expect(response).toMatchObject({ status: 500, code: 500, message: "Internal server error", data: null });
    expect(JSON.stringify(response)).not.toContain("secret internal detail");
    expect(logged).toHaveBeenCalled();
  });

  it("answers 503 when the database cannot be reached", async () => {
    const workingUrl = process.env.DATABASE_URL!;
    const singletons = globalThis as unknown as { keydeskDb?: unknown };
    const workingDb = singletons.keydeskDb;
    try {
      process.env.DATABASE_URL = "postgresql://keydesk:keydesk@127.0.0.1:1/keydesk";
      resetConfigForTests();
      singletons.keydeskDb = undefined;
      vi.resetModules();
      const { dispatchApi } = await import("@/lib/api/dispatch");
      const response = await call(apiRequest("GET", "/api/v1/me", { cookie }), dispatchApi);
      expect(response).toMatchObject({ status: 503, code: 503, data: null });
      expect(response.headers.get("retry-after")).toBe("5");
    } finally {
      process.env.DATABASE_URL = workingUrl;
      resetConfigForTests();
      singletons.keydeskDb = workingDb;
    }
  });
});
