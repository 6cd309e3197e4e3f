// The verification fast path in server.ts (which this server runs) must answer exactly like the
// route handler that lib/keys/verify.test.ts checks: same statuses, same envelopes.
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { ADMIN_STATE } from "./auth-state";

test.use({ storageState: ADMIN_STATE });

const json = { "content-type": "application/json" };

test("POST /api/v1/keys/verify on the fast path", async ({ page, request }) => {
  const baseURL = test.info().project.use.baseURL!;
  const created = await page.request.post("/api/v1/keys", {
    data: { name: "verify-api" },
    headers: { origin: baseURL },
  });
  expect(created.status()).toBe(201);
  const secret: string = (await created.json()).data.key;

  const cases: { body: string; headers?: Record<string, string>; status: number; data: unknown }[] = [
    {
      body: JSON.stringify({ key: secret }),
      headers: json,
      status: 200,
      data: expect.objectContaining({ valid: true, scopes: expect.any(Array) }),
    },
    {
      body: JSON.stringify({ key: "kd_nope" }),
      headers: json,
      status: 200,
      data: { valid: false, reason: "malformed" },
    },
    {
      body: JSON.stringify({ key: secret, extra: 1 }),
      headers: json,
      status: 400,
      data: { fields: { extra: ["Unknown field"] } },
    },
    {
      body: JSON.stringify({ key: "k".repeat(513) }),
      headers: json,
      status: 400,
      data: { fields: { key: [expect.any(String)] } },
    },
    { body: "", headers: json, status: 400, data: { fields: { key: [expect.any(String)] } } },
    { body: `{"key": `, headers: json, status: 400, data: null },
    {
      body: `key=${secret}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      status: 415,
      data: null,
    },
    { body: JSON.stringify({ key: "x".repeat(70 * 1024) }), headers: json, status: 413, data: null },
  ];
  for (const { body, headers, status, data } of cases) {
    // A Buffer goes out byte for byte; a string would be JSON-encoded again by Playwright.
    const response = await request.post("/api/v1/keys/verify", { data: Buffer.from(body), headers });
    expect(response.status(), body.slice(0, 40)).toBe(status);
    expect(await response.json()).toEqual({ code: status === 200 ? 0 : status, data, message: expect.any(String) });
  }
});

test("the fast path stops reading a chunked body past 64 KiB and answers 413", async () => {
  const url = new URL("/api/v1/keys/verify", test.info().project.use.baseURL!);
  // No Content-Length: the limit must hold while the body streams in.
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: "POST", headers: { ...json, "transfer-encoding": "chunked" } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on("error", reject);
    request.write(`{"key": "${"x".repeat(40 * 1024)}`);
    request.end(`${"x".repeat(40 * 1024)}"}`);
  });
  expect(status).toBe(413);
  expect(JSON.parse(body)).toEqual({ code: 413, data: null, message: expect.any(String) });
});
