// The statements of SPEC §6 that RAGFlow's admin CLI documents, with its quoting; and the promise
// that a secret on the command line never reaches a URL, checked on every request the CLI sends.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiClient, urlCarriesSecret } from "./api-client";
import { executeStatement } from "./execute";
import { parseStatements } from "./parser";
import { runStatements, type TextSink } from "./shell";
import { startFakeKeydesk, type FakeKeydesk, type Reply } from "./test-server";

const SECRET = `kd_${"S".repeat(32)}xyz789`;
const ADMIN_KEY = `kd_${"a".repeat(32)}ADMIN1`;
const user = { id: "u1", email: "ana@x.test", name: "Ana", role: "USER", disabled: false };
const key = { id: "k1", name: "ci", start: "kd_SSSSSSSSS", status: "revoked", scopes: ["keys:read"] };

let server: FakeKeydesk;
let client: ApiClient;

function sink(): TextSink & { text: () => string } {
  const chunks: string[] = [];
  return { write: (chunk: string) => chunks.push(chunk), text: () => chunks.join("") };
}

/** Answers every route the statements call with a plausible envelope. */
function plausible(request: { method: string; path: string }): Reply {
  if (request.path === "/api/v1/admin/keys/lookup") return { data: key };
  if (request.path === "/api/v1/me") return { data: { user, key: null } };
  if (request.path.endsWith("/usage")) return { data: { buckets: [], totals: { valid: 0 } } };
  if (request.method === "GET" && /\/keys$|\/users$/.test(request.path)) return { data: { items: [], total: 0 } };
  if (request.path.includes("/keys/")) return { data: key };
  return { data: user };
}

beforeAll(async () => {
  server = await startFakeKeydesk();
  client = new ApiClient({ baseUrl: server.url, apiKey: ADMIN_KEY });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle(plausible);
});

const calls = () => server.requests.map((r) => [r.method, r.url, r.body]);
const run = async (text: string) => executeStatement(parseStatements(text)[0]!, client);

describe("RAGFlow's statements", () => {
  it("ALTER USER … PASSWORD and ACTIVE ON|OFF, GRANT ADMIN and REVOKE ADMIN patch the user", async () => {
    await run("ALTER USER ana@x.test PASSWORD 'a long new password';");
    await run('alter user "ana@x.test" active off;');
    await run("ALTER USER ana@x.test ACTIVE ON");
    await run("GRANT ADMIN ana@x.test;");
    await run('REVOKE ADMIN "ana@x.test";');
    expect(calls()).toEqual([
      ["PATCH", "/api/v1/admin/users/ana%40x.test", { password: "a long new password" }],
      ["PATCH", "/api/v1/admin/users/ana%40x.test", { disabled: true }],
      ["PATCH", "/api/v1/admin/users/ana%40x.test", { disabled: false }],
      ["PATCH", "/api/v1/admin/users/ana%40x.test", { role: "ADMIN" }],
      ["PATCH", "/api/v1/admin/users/ana%40x.test", { role: "USER" }],
    ]);
  });

  it("SHOW CURRENT USER reads /me", async () => {
    const result = await run("SHOW CURRENT USER;");
    expect(calls()).toEqual([["GET", "/api/v1/me", undefined]]);
    expect(result.record).toMatchObject({ email: "ana@x.test", role: "USER", key_id: null });
  });

  it("SHOW USER PERMISSION lists the role and every key's scopes", async () => {
    server.handle((r) =>
      r.path.endsWith("/keys")
        ? { data: { items: [key, { ...key, id: "k2", status: "active", scopes: ["admin"] }], total: 2 } }
        : { data: { ...user, role: "ADMIN" } },
    );
    const result = await run("SHOW USER PERMISSION 'ana@x.test';");
    expect(calls()).toEqual([
      ["GET", "/api/v1/admin/users/ana%40x.test", undefined],
      ["GET", "/api/v1/admin/users/ana%40x.test/keys?status=all&page=1&per_page=100", undefined],
    ]);
    expect(result.json).toEqual({
      email: "ana@x.test",
      role: "ADMIN",
      disabled: false,
      keys: [
        { id: "k1", name: "ci", status: "revoked", scopes: ["keys:read"], expires_at: undefined },
        { id: "k2", name: "ci", status: "active", scopes: ["admin"], expires_at: undefined },
      ],
    });
    expect(result.message).toContain("ana@x.test is ADMIN; 2 keys.");
  });

  it("SHOW KEY prints the key and its last 24 h of use", async () => {
    const buckets = [{ start: "2026-12-01T10:00:00.000Z", valid: 3, revoked: 1, expired: 0, owner_disabled: 0 }];
    server.handle((r) =>
      r.path.endsWith("/usage") ? { data: { buckets, totals: { valid: 3, revoked: 1 } } } : { data: key },
    );
    const result = await run('SHOW TOKEN "k1" OF "ana@x.test"');
    expect(calls()).toEqual([
      ["GET", "/api/v1/admin/users/ana%40x.test/keys/k1", undefined],
      ["GET", "/api/v1/admin/users/ana%40x.test/keys/k1/usage", undefined],
    ]);
    expect(result.json).toEqual({ key, usage: { buckets, totals: { valid: 3, revoked: 1 } } });
    expect(result.rows).toEqual(buckets);
  });

  it("SHOW KEY prints the key alone when the server counts no usage (404)", async () => {
    server.handle((r) => (r.path.endsWith("/usage") ? { status: 404, message: "Not found" } : { data: key }));
    const result = await run("SHOW KEY k1 OF ana@x.test;");
    expect(result.record).toEqual(key);
    expect(result.rows).toBeUndefined();
  });

  it("reads double quotes like single quotes, doubled quotes included, and the last ; may be missing", () => {
    expect(parseStatements(`CREATE USER "a@x.test" "say ""hi"" it's long"; SHOW USER 'a@x.test'`)).toEqual([
      { kind: "create_user", email: "a@x.test", password: `say "hi" it's long`, role: "USER" },
      { kind: "show_user", email: "a@x.test" },
    ]);
    expect(parseStatements(`DROP USER 'o''brien@x.test'`)).toEqual([{ kind: "drop_user", email: "o'brien@x.test" }]);
  });

  it("--json prints JSON Lines: one compact document per statement", async () => {
    const stdout = sink();
    const code = await runStatements("SHOW USER ana@x.test; SHOW CURRENT USER; HELP", {
      client,
      json: true,
      stdout,
      stderr: sink(),
    });
    expect(code).toBe(0);
    const lines = stdout.text().trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      user,
      { user, key: null },
      { help: expect.stringContaining("SHOW USER PERMISSION") },
    ]);
  });
});

// Every statement form, with the secret in every argument position, bare and in both quotes.
const FORMS = [
  "LIST USERS",
  "SHOW USER {}",
  "SHOW USER PERMISSION {}",
  "SHOW CURRENT USER",
  "CREATE USER {} {}",
  "CREATE USER {} {} ADMIN",
  "DROP USER {}",
  "ALTER USER {} SET ROLE ADMIN",
  "ALTER USER {} PASSWORD {}",
  "ALTER USER {} ACTIVE OFF",
  "GRANT ADMIN {}",
  "REVOKE ADMIN {}",
  "ENABLE USER {}",
  "DISABLE USER {}",
  "GENERATE KEY FOR USER {}",
  "GENERATE TOKEN FOR USER {}",
  "LIST KEYS OF {}",
  "LIST TOKENS OF {}",
  "REVOKE KEY {} OF {}",
  "REVOKE TOKEN {} OF {}",
  "DROP KEY {} OF {}",
  "DROP TOKEN {} OF {}",
  "SHOW KEY {} OF {}",
  "CREATE MODEL PROVIDER {} {}",
  "CREATE MODEL PROVIDER {} {} {}",
  "DROP MODEL PROVIDER {}",
  "LIST MODEL PROVIDERS",
  "SET DEFAULT LLM {}",
  "RESET DEFAULT LLM",
  "LIST DEFAULT MODELS",
];
const QUOTINGS = [(s: string) => s, (s: string) => `'${s}'`, (s: string) => `"${s}"`];
const CASES = FORMS.flatMap((form) => QUOTINGS.map((quote) => form.replaceAll("{}", quote(SECRET))));

describe("a secret on the command line never reaches a URL", () => {
  it.each(CASES)("%s", async (statement) => {
    const stderr = sink();
    await runStatements(statement, { client, stdout: sink(), stderr });
    expect(server.requests.map((r) => r.url).filter((url) => url.includes("kd_") || url.includes("SSSS"))).toEqual([]);
    // The statement did run (a request went out), or the CLI itself refused the URL.
    expect(server.requests.length > 0 || stderr.text().includes("refusing to send an API key secret")).toBe(true);
  });

  it("covers every statement kind the parser knows", () => {
    const kinds = new Set(CASES.flatMap((statement) => parseStatements(statement).map((parsed) => parsed.kind)));
    expect([...kinds].sort()).toEqual(
      [
        "alter_user_password",
        "alter_user_role",
        "create_provider",
        "create_user",
        "drop_key",
        "drop_provider",
        "drop_user",
        "generate_key",
        "list_defaults",
        "list_keys",
        "list_providers",
        "list_users",
        "reset_default",
        "revoke_key",
        "set_default",
        "set_user_disabled",
        "show_current_user",
        "show_key",
        "show_user",
        "show_user_permission",
      ].sort(),
    );
  });

  it("spots a secret however the URL encodes it", () => {
    const base = "http://localhost:3000/api/v1";
    expect(urlCarriesSecret(`${base}/admin/users/${SECRET}`)).toBe(true);
    expect(urlCarriesSecret(`${base}/admin/users/${encodeURIComponent(`"${SECRET}"`)}`)).toBe(true);
    expect(urlCarriesSecret(`${base}/keys/${SECRET.replace("_", "%5F")}`)).toBe(true);
    expect(urlCarriesSecret(`${base}/keys?q=${SECRET}`)).toBe(true);
    expect(urlCarriesSecret(`${base}/admin/users/ana%40x.test/keys/01a2-k1`)).toBe(false);
  });
});
