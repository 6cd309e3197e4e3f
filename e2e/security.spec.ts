// SPEC §4 and §8 against the real server (server.ts in front of Next): security headers on pages
// and API answers, a CSP the console itself never violates, and the envelope for requests that
// never reach a route handler (malformed escapes, odd methods, bytes Node's parser refuses).
import { connect } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE } from "./auth-state";

test.use({ storageState: ADMIN_STATE });

const PAGES = ["/keys", "/models", "/admin/users", "/admin/audit"];

/** Sends bytes as they are (no client tidies them) and returns the raw HTTP answer. */
function rawHttp(raw: string): Promise<string> {
  const { port } = new URL(test.info().project.use.baseURL!);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(raw));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

function watchForCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

test("pages carry a nonce-based CSP, frame-ancestors 'none', nosniff and a referrer policy", async ({ page }) => {
  const response = await page.goto("/keys");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // http here, so no HSTS: it is sent only when AUTH_URL is https.
  expect(headers["strict-transport-security"]).toBeUndefined();
  const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"]!)![1];
  // Every script the server renders carries this response's nonce; what those load later is
  // allowed by 'strict-dynamic' (and the browser's console check below proves none is refused).
  const scriptTags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(0);
  expect(scriptTags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
});

test("no page of the console violates its own CSP", async ({ page }) => {
  const violations = watchForCspViolations(page);
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.locator("main").first()).toBeVisible();
  }
  await page.goto("/keys");
  await page.getByRole("button", { name: "Create key" }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(violations).toEqual([]);
});

test("the answer that carries a new secret is no-store, and so is every API answer", async ({ page }) => {
  const baseURL = test.info().project.use.baseURL!;
  const created = await page.request.post("/api/v1/keys", { data: { name: "no-store" }, headers: { origin: baseURL } });
  expect(created.status()).toBe(201);
  expect(created.headers()["cache-control"]).toBe("no-store");
  expect(created.headers()["x-content-type-options"]).toBe("nosniff");
  const verify = await page.request.post("/api/v1/keys/verify", { data: { key: (await created.json()).data.key } });
  expect(verify.headers()["cache-control"]).toBe("no-store");
  // server.ts answers verification itself, before Next: the same security headers as every answer.
  expect(verify.headers()).toMatchObject({
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  });
  const malformed = await page.request.post("/api/v1/keys/verify", {
    data: "{",
    headers: { "content-type": "application/json" },
  });
  expect(malformed.status()).toBe(400);
  expect(malformed.headers()["x-content-type-options"]).toBe("nosniff");
});

test("requests no route handler sees still get the envelope", async ({ playwright }) => {
  // Signed out, so that a route that is reached answers 401 rather than serving the admin.
  const request = await playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    storageState: { cookies: [], origins: [] },
  });
  const cases = [
    { path: "/api/v1/keys/%E0%A4%A", method: "GET", status: 400, message: "The path has a malformed percent-escape" },
    { path: "/api/v1/no/such/route", method: "GET", status: 404, message: "API route not found" },
    { path: "/api/v1/keys", method: "PROPFIND", status: 405, message: "PROPFIND is not allowed here" },
    { path: "/api/v1/keys/", method: "GET", status: 401, message: "Authentication required" },
  ];
  for (const { path, method, status, message } of cases) {
    const response = await request.fetch(path, { method, maxRedirects: 0 });
    expect({ path, status: response.status() }).toEqual({ path, status });
    expect(await response.json()).toEqual({ code: status, data: null, message });
    expect(response.headers()["cache-control"]).toBe("no-store");
  }
  const options = await request.fetch("/api/v1/keys", { method: "OPTIONS" });
  expect(options.status()).toBe(200);
  expect(options.headers()["allow"]).toBe("GET, POST, HEAD, OPTIONS");
});

test("bytes Node's HTTP parser refuses are answered with the envelope", async () => {
  const badHeader = await rawHttp("GET /api/v1/keys HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n");
  expect(badHeader).toMatch(/^HTTP\/1\.1 400 /);
  expect(badHeader.endsWith('{"code":400,"data":null,"message":"Bad Request"}')).toBe(true);
  const hugeHeader = await rawHttp(`GET /api/v1/keys HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
  expect(hugeHeader).toMatch(/^HTTP\/1\.1 431 /);
  expect(hugeHeader).toContain('"code":431');
});
