// A seeded, bounded fuzz of the whole REST API: every route of the route table and every method,
// with hostile paths, queries, bodies and credentials. Whatever arrives, the answer is a 4xx or a
// success in the envelope, with no internal text in it. The seed is fixed, so a failure replays.
import { beforeAll, describe, expect, it } from "vitest";
import { dispatchApi } from "@/lib/api/dispatch";
import { HTTP_METHODS } from "@/lib/api/route";
import { ROUTES } from "@/lib/api/route-table";
import { adminFixtures } from "@/tests/support/admin-fixtures";
import { apiRequest } from "@/tests/support/fixtures";

const REQUESTS_PER_ROUTE = 70;
const SEED = 20261202;

/** mulberry32: a tiny deterministic generator, so every run sends the same requests. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

const NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "name", "scopes", "page", "q"];
const STRINGS = [
  "",
  "x",
  "\u0000",
  "a\u0000b",
  "%",
  "%E0%A4%A",
  "%00",
  "..",
  "../../etc/passwd",
  "é✓🔑",
  "\ud800",
  "x".repeat(5000),
  "'; DROP TABLE users; --",
  "kd_" + "A".repeat(38),
  "null",
  "-1",
  "1e309",
  "0199aaaa-0000-7000-8000-000000000000",
];
const PATH_VALUES = ["%00", "%E0%A4%A", "%", "%2F", "a%00b", "..", "x".repeat(400), "%F0%9F%94%91", "admin%40x"];

function deepJson(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}

function randomValue(random: ReturnType<typeof generator>, depth = 0): unknown {
  const kind = random.next();
  if (depth > 3 || kind < 0.3) return random.pick(STRINGS);
  if (kind < 0.45) return random.pick([0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER, 366, 24]);
  if (kind < 0.55) return random.pick([true, false, null]);
  if (kind < 0.75)
    return Array.from({ length: 1 + Math.floor(random.next() * 3) }, () => randomValue(random, depth + 1));
  // Null-prototype and defined, not assigned, so `__proto__` becomes a key like any other.
  const object: Record<string, unknown> = Object.create(null);
  for (let index = 0; index < 1 + Math.floor(random.next() * 3); index++) {
    Object.defineProperty(object, random.pick(NAMES), {
      value: randomValue(random, depth + 1),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return object;
}

function randomBody(random: ReturnType<typeof generator>): string | undefined {
  const kind = random.next();
  if (kind < 0.1) return undefined;
  if (kind < 0.2) return deepJson(5000);
  if (kind < 0.3) return '{"name": "x", "constructor": 1, "__proto__": {"admin": true}}';
  if (kind < 0.35) return "{not json";
  return JSON.stringify(randomValue(random));
}

/** A lone surrogate has no UTF-8 form; send the bytes a careless client would. */
const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
};

function randomQuery(random: ReturnType<typeof generator>): string {
  if (random.next() < 0.3) return "";
  const pairs = Array.from({ length: 1 + Math.floor(random.next() * 3) }, () => {
    const value = String(random.pick(STRINGS));
    return `${encode(random.pick(NAMES))}=${random.next() < 0.5 ? encode(value) : value}`;
  });
  return `?${pairs.join("&")}`;
}

// What must never reach a client: ORM or driver text, stack frames, file paths.
const INTERNAL_TEXT = /prisma|invalid input syntax|violates|at \S+ \(|node_modules|\/work\/|\.ts:\d+|ECONN|stack/i;

const isEnvelope = (body: unknown): body is { code: number; data: unknown; message: string } =>
  typeof body === "object" &&
  body !== null &&
  typeof (body as { code?: unknown }).code === "number" &&
  "data" in body &&
  typeof (body as { message?: unknown }).message === "string";

async function problemsWith(response: Response, method: string): Promise<string[]> {
  const problems: string[] = [];
  if (response.status >= 500) problems.push(`status ${response.status}`);
  if (response.headers.get("cache-control") !== "no-store") problems.push("no Cache-Control: no-store");
  const text = await response.text();
  if (INTERNAL_TEXT.test(text)) problems.push(`internal text: ${text.slice(0, 200)}`);
  if (method === "HEAD") return text === "" ? problems : [...problems, "a body on HEAD"];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, "not JSON"];
  }
  // The OpenAPI document is served bare on success, so tools can read it.
  const bareDocument = response.status === 200 && typeof body === "object" && body !== null && "openapi" in body;
  if (!bareDocument && !isEnvelope(body)) problems.push("not the envelope");
  if (isEnvelope(body) && body.code !== (response.status < 300 ? 0 : response.status)) problems.push("wrong code");
  return problems;
}

let f: Awaited<ReturnType<typeof adminFixtures>>;
beforeAll(async () => {
  f = await adminFixtures();
});

describe("fuzzing every route of the route table", () => {
  it("never answers 5xx, always answers the envelope, never shows internal text", async () => {
    const random = generator(SEED);
    const methods = [...HTTP_METHODS, "HEAD", "OPTIONS"];
    const failures: string[] = [];
    let sent = 0;
    for (const route of ROUTES) {
      for (let index = 0; index < REQUESTS_PER_ROUTE; index++) {
        const path = route.segments.map((part) => (part.startsWith("{") ? random.pick(PATH_VALUES) : part)).join("/");
        const method = random.next() < 0.7 ? route.method : random.pick(methods);
        const credentials = random.pick([
          {},
          { key: f.adminKey },
          { key: f.userKey },
          { cookie: f.adminCookie },
          { key: "kd_garbage" },
        ]);
        const body = method === "GET" || method === "HEAD" ? undefined : randomBody(random);
        const request = apiRequest(method, `/api/v1/${path}${randomQuery(random)}`, { ...credentials, rawBody: body });
        const label = `${method} /${path} (${route.method} ${route.path})`;
        const problems = await problemsWith(await dispatchApi(request), method);
        failures.push(...problems.map((problem) => `${label}: ${problem}`));
        sent++;
      }
    }
    expect(sent).toBe(ROUTES.length * REQUESTS_PER_ROUTE);
    expect(failures).toEqual([]);
  }, 240_000);
});
