// The one entry of the REST API: what it answers for paths, methods and inputs no route expects.
import { beforeAll, describe, expect, it } from "vitest";
import { apiRequest, call, createUser, keyFor } from "@/tests/support/fixtures";

let key: string;
beforeAll(async () => {
  key = (await keyFor(await createUser())).secret;
});

describe("paths and methods outside the route table", () => {
  it("404s an unknown path with the envelope and no-store", async () => {
    const response = await call(apiRequest("GET", "/api/v1/nothing/here", { key }));
    expect(response).toMatchObject({ status: 404, code: 404, data: null, message: "API route not found" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("405s a method the path does not take, with Allow", async () => {
    const response = await call(apiRequest("PUT", "/api/v1/keys", { key, body: {} }));
    expect(response).toMatchObject({ status: 405, code: 405, data: null, message: "PUT is not allowed here" });
    expect(response.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
  });

  it("answers OPTIONS with the envelope and the allowed methods, without credentials", async () => {
    const response = await call(apiRequest("OPTIONS", "/api/v1/keys/abc"));
    expect(response).toMatchObject({
      status: 200,
      code: 0,
      data: { methods: ["GET", "PATCH", "DELETE", "HEAD", "OPTIONS"] },
    });
    expect(response.headers.get("allow")).toBe("GET, PATCH, DELETE, HEAD, OPTIONS");
  });

  it("answers HEAD like GET, without a body", async () => {
    const response = await (
      await import("@/lib/api/dispatch")
    ).dispatchApi(apiRequest("HEAD", "/api/v1/keys", { key }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.text()).toBe("");
  });

  it("serves a path with a trailing slash as the same route", async () => {
    const response = await call(apiRequest("GET", "/api/v1/keys/", { key }));
    expect(response).toMatchObject({ status: 200, code: 0 });
    expect(response.data.items).toHaveLength(1);
  });
});

describe("hostile input is a 400 naming what is wrong", () => {
  it("400s a malformed percent-escape in the path", async () => {
    const response = await call(apiRequest("GET", "/api/v1/keys/%E0%A4%A", { key }));
    expect(response).toMatchObject({ status: 400, message: "The path has a malformed percent-escape", data: null });
  });

  it("400s a NUL or another control character in a path parameter, naming it", async () => {
    const nul = await call(apiRequest("GET", "/api/v1/keys/%00", { key }));
    expect(nul).toMatchObject({ status: 400, data: { fields: { id: ["Must not contain control characters"] } } });
    const long = await call(apiRequest("GET", `/api/v1/admin/users/${"x".repeat(321)}`, { key }));
    expect(long).toMatchObject({ status: 400, data: { fields: { user: ["At most 320 characters"] } } });
  });

  it("400s field names that are Object.prototype members as unknown fields", async () => {
    const response = await call(
      apiRequest("POST", "/api/v1/keys", { key, rawBody: '{"name":"x","constructor":1,"__proto__":{"a":1}}' }),
    );
    expect(response.status).toBe(400);
    expect(response.data.fields.constructor).toEqual(["Unknown field"]);
    expect(response.data.fields.__proto__).toEqual(["Unknown field"]);
  });

  it("400s query names that are Object.prototype members", async () => {
    const response = await call(apiRequest("GET", "/api/v1/keys?constructor=1&toString=2", { key }));
    expect(response.status).toBe(400);
    expect(Object.keys(response.data.fields).sort()).toEqual(["constructor", "toString"]);
  });

  it("400s JSON nested thousands of levels deep", async () => {
    const deep = `{"name":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const response = await call(apiRequest("POST", "/api/v1/keys", { key, rawBody: deep }));
    expect(response).toMatchObject({ status: 400, message: "Request body nests deeper than 32 levels" });
  });
});
