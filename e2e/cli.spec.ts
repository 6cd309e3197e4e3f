import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";
import { ADMIN_STATE } from "./auth-state";

// The real `keydesk` binary against the app Playwright started (its webServer), over HTTP.
// Each run starts node and tsx (1–3 s on a busy machine), so the default 45 s can be short.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const run = Date.now().toString(36);
const plain = `cli-plain-${run}@e2e.test`; // bare arguments, no ADMIN
const quotedAdmin = `cli-quoted-${run}@e2e.test`; // quoted arguments, ADMIN
const quotedUser = `cli-quoted-user-${run}@e2e.test`; // quoted arguments, no ADMIN
const bareAdmin = `cli-bare-admin-${run}@e2e.test`; // bare arguments, lower-case admin
const ragflow = `cli-ragflow-${run}@e2e.test`; // RAGFlow's statements and double quotes
const PASSWORD = "cli-user-password-0001";
const SECRET = /kd_[0-9A-Za-z]{38}/;
const SECRETS = new RegExp(SECRET.source, "g");

let baseURL = "";
let apiKey = "";
let apiKeyId = "";
let api: APIRequestContext;

type CliRun = { code: number; stdout: string; stderr: string };

/** `node bin/keydesk.mjs admin …`; resolves with the exit code and both streams. */
function keydesk(args: string[], stdin = ""): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["bin/keydesk.mjs", "admin", ...args],
      { cwd: ROOT, timeout: 30_000, env: { ...process.env, KEYDESK_URL: baseURL, KEYDESK_API_KEY: apiKey } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}

/** Runs statements with -e and expects success. */
async function ok(statements: string, ...flags: string[]): Promise<string> {
  const result = await keydesk([...flags, "-e", statements]);
  expect(result.stderr.replace(/^Copy the key now: it will not be shown again\.\n/gm, "")).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
}

async function okJson<T>(statement: string): Promise<T> {
  return JSON.parse(await ok(statement, "--json")) as T;
}

/** The secrets printed in `text`; each is printed exactly once, so the count is exact. */
function secretsIn(text: string, count: number): string[] {
  const found: string[] = text.match(SECRETS) ?? [];
  expect(found).toHaveLength(count);
  return found;
}

async function verify(secret: string) {
  const response = await api.post("/api/v1/keys/verify", { data: { key: secret } });
  return (await response.json()).data as { valid: boolean; reason?: string; key_id?: string };
}

type UserJson = { id: string; email: string; role: string; disabled: boolean; key_count: number };
type KeyJson = { id: string; name: string; status: string; key?: string; created_by: { email: string } | null };

test.beforeAll(async ({ playwright }) => {
  baseURL = test.info().project.use.baseURL ?? "";
  api = await playwright.request.newContext({ baseURL, storageState: ADMIN_STATE });
  // A cookie call that changes state must come from the app's own origin (SPEC §4).
  const response = await api.post("/api/v1/keys", {
    headers: { origin: baseURL },
    data: { name: "cli", scopes: ["keys:read", "keys:write", "models:read", "models:write", "admin"] },
  });
  expect(response.status()).toBe(201);
  const { data } = await response.json();
  apiKey = data.key;
  apiKeyId = data.id;
});

test.afterAll(async () => {
  // Leaves no admins behind: other specs count them (the last-admin check).
  // One run each: a run stops at its first failure, and some of these may be gone already.
  for (const email of [plain, quotedAdmin, quotedUser, bareAdmin, ragflow])
    await keydesk(["-e", `DROP USER '${email}';`]);
  await api.delete(`/api/v1/keys/${apiKeyId}`, { headers: { origin: baseURL } });
  await api.dispose();
});

test("CREATE USER with bare and quoted arguments, with and without ADMIN; LIST and SHOW", async () => {
  const created = await ok(
    [
      `CREATE USER ${plain} ${PASSWORD};`,
      `create user '${quotedAdmin}' 'a long password, it''s quoted' ADMIN;`,
      `CREATE USER '${quotedUser}' '${PASSWORD}';`,
      `Create User ${bareAdmin} ${PASSWORD} admin;`,
    ].join("\n"),
  );
  expect(created).toContain(`Created user ${plain} (USER).`);
  expect(created).toContain(`Created user ${quotedAdmin} (ADMIN).`);
  expect(created).toContain(`Created user ${quotedUser} (USER).`);
  expect(created).toContain(`Created user ${bareAdmin} (ADMIN).`);
  expect(created).not.toContain(PASSWORD);

  const table = await ok("LIST USERS;");
  const [header] = table.split("\n");
  expect(header).toMatch(/^id\s+email\s+name\s+role\s+disabled\s+key_count\s+created_at\s+last_login_at$/);
  expect(table).toMatch(new RegExp(`${plain}\\s.*\\sUSER\\s+no\\s+0\\s`));
  expect(table).toMatch(/\n\d+ users\n$/);

  const users = await okJson<UserJson[]>("LIST USERS;");
  const roles = Object.fromEntries(users.map((user) => [user.email, user.role]));
  expect(roles).toMatchObject({ [plain]: "USER", [quotedAdmin]: "ADMIN", [quotedUser]: "USER", [bareAdmin]: "ADMIN" });

  const shown = await ok(`SHOW USER '${plain}';`);
  expect(shown).toMatch(new RegExp(`^email\\s+${plain}$`, "m"));
  expect(shown).toMatch(/^role\s+USER$/m);
  expect(await okJson<UserJson>(`SHOW USER ${quotedAdmin};`)).toMatchObject({
    email: quotedAdmin,
    role: "ADMIN",
    disabled: false,
  });
});

test("ALTER USER … SET ROLE, DISABLE USER and ENABLE USER", async () => {
  const altered = await ok(`ALTER USER ${plain} SET ROLE ADMIN; alter user '${plain}' set role user;`);
  expect(altered).toContain(`User ${plain} is now ADMIN.`);
  expect(altered).toContain(`User ${plain} is now USER.`);
  expect(await okJson<UserJson>(`SHOW USER ${plain};`)).toMatchObject({ role: "USER" });

  expect(await ok(`DISABLE USER ${plain};`)).toContain(`Disabled user ${plain}; their keys stop verifying.`);
  expect(await okJson<UserJson>(`SHOW USER ${plain};`)).toMatchObject({ disabled: true });
  expect(await ok(`ENABLE USER '${plain}';`)).toContain(`Enabled user ${plain}.`);
  expect(await okJson<UserJson>(`SHOW USER ${plain};`)).toMatchObject({ disabled: false });
});

test("GENERATE, LIST, REVOKE and DROP keys with both spellings, by id and by secret", async () => {
  // GENERATE KEY: the secret is printed once, and the warning goes to stderr.
  const generated = await keydesk(["-e", `GENERATE KEY FOR USER ${plain};`]);
  expect(generated.code).toBe(0);
  expect(generated.stderr).toContain("Copy the key now: it will not be shown again.");
  const [secret1] = secretsIn(generated.stdout, 1);
  const id1 = /Generated key (\S+) for /.exec(generated.stdout)?.[1] ?? "";
  expect(await verify(secret1)).toMatchObject({ valid: true, key_id: id1 });

  const token = await okJson<KeyJson>(`GENERATE TOKEN FOR USER '${plain}';`);
  const [secret2, id2] = [token.key ?? "", token.id];
  expect(secret2).toMatch(SECRET);
  expect(token.name).toBe("Generated by admin");

  // A disabled owner's keys stop verifying; enabling brings them back.
  await ok(`DISABLE USER ${plain};`);
  expect(await verify(secret1)).toMatchObject({ valid: false, reason: "owner_disabled" });
  await ok(`ENABLE USER ${plain};`);
  expect(await verify(secret1)).toMatchObject({ valid: true });

  const listed = await ok(`LIST KEYS OF ${plain};`);
  expect(listed).toContain(id1);
  expect(listed).toContain(id2);
  expect(listed).toContain(`2 keys of ${plain}`);
  expect(listed).not.toMatch(SECRET);
  const tokens = await okJson<KeyJson[]>(`LIST TOKENS OF '${plain}';`);
  expect(tokens.map((key) => key.id).sort()).toEqual([id1, id2].sort());
  // Listed keys never carry the secret, and record the admin who generated them.
  expect(tokens.every((key) => key.key === undefined && key.created_by?.email === E2E_ADMIN.email)).toBe(true);

  expect(await ok(`REVOKE KEY ${id1} OF ${plain};`)).toContain(`Revoked key ${id1} of ${plain}.`);
  expect(await verify(secret1)).toMatchObject({ valid: false, reason: "revoked" });
  // A secret is resolved to its id through POST /keys/verify.
  expect(await ok(`REVOKE TOKEN ${secret2} OF '${plain}';`)).toContain(`Revoked key ${id2} of ${plain}.`);
  expect(await verify(secret2)).toMatchObject({ valid: false, reason: "revoked" });

  const two = await ok(`GENERATE KEY FOR USER ${plain}; GENERATE TOKEN FOR USER ${plain};`);
  const [secret3, secret4] = secretsIn(two, 2);
  const [id3, id4] = [...two.matchAll(/Generated key (\S+) for /g)].map((match) => match[1]);

  const dropped = await ok(`DROP KEY ${id1} OF ${plain}; DROP TOKEN '${secret3}' OF ${plain};`);
  expect(dropped).toContain(`Dropped key ${id1} of ${plain}.`);
  expect(dropped).toContain(`Dropped key ${id3} of ${plain}.`);
  expect(await verify(secret3)).toMatchObject({ valid: false, reason: "not_found" });
  const left = await okJson<KeyJson[]>(`LIST KEYS OF ${plain};`);
  expect(left.map((key) => key.id).sort()).toEqual([id2, id4].sort());

  // DROP USER takes the remaining keys with it.
  expect(await ok(`DROP USER ${plain};`)).toContain(`Dropped user ${plain} with their keys and model providers.`);
  expect(await verify(secret4)).toMatchObject({ valid: false, reason: "not_found" });
  const gone = await keydesk(["-e", `SHOW USER ${plain};`]);
  expect(gone.code).toBe(1);
  expect(gone.stderr).toContain("User not found");
});

test("RAGFlow's statements in double quotes, as JSON Lines; DROP KEY by the secret of a revoked key", async () => {
  const lines = (
    await ok(
      [
        `CREATE USER "${ragflow}" "a ""quoted"" long password"`,
        `ALTER USER "${ragflow}" PASSWORD "another long password"`,
        `GRANT ADMIN "${ragflow}"`,
        `REVOKE ADMIN "${ragflow}"`,
        `ALTER USER "${ragflow}" ACTIVE OFF`,
        `ALTER USER "${ragflow}" ACTIVE ON`,
        `SHOW CURRENT USER`,
        `GENERATE KEY FOR USER "${ragflow}"`,
        `SHOW USER PERMISSION "${ragflow}"`,
      ].join(";\n"),
      "--json",
    )
  )
    .trimEnd()
    .split("\n");
  expect(lines).toHaveLength(9);
  const [, password, granted, revoked, off, on, me, generated, permission] = lines.map((line) => JSON.parse(line));
  expect(password).toMatchObject({ email: ragflow });
  expect([granted.role, revoked.role, off.disabled, on.disabled]).toEqual(["ADMIN", "USER", true, false]);
  expect(me).toMatchObject({ user: { email: E2E_ADMIN.email, role: "ADMIN" }, key: { id: apiKeyId } });
  expect(permission).toEqual({
    email: ragflow,
    role: "USER",
    disabled: false,
    keys: [expect.objectContaining({ id: generated.id, status: "active", scopes: generated.scopes })],
  });

  // The key and its last 24 h of use (or the key alone on a server that counts none yet).
  const shown = await ok(`SHOW KEY "${generated.id}" OF "${ragflow}"`);
  expect(shown).toMatch(new RegExp(`^id\\s+${generated.id}$`, "m"));

  // A revoked key's secret still names it: REVOKE and DROP resolve it in a request body.
  await ok(`REVOKE KEY "${generated.id}" OF "${ragflow}"`);
  expect(await ok(`DROP TOKEN "${generated.key}" OF "${ragflow}"`)).toContain(
    `Dropped key ${generated.id} of ${ragflow}.`,
  );
  expect(await verify(generated.key)).toMatchObject({ valid: false, reason: "not_found" });
});

test("statements piped on stdin", async () => {
  const result = await keydesk([], `SHOW USER ${quotedUser};\nLIST KEYS OF '${quotedUser}';\n`);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(new RegExp(`^email\\s+${quotedUser}$`, "m"));
  expect(result.stdout).toContain(`0 keys of ${quotedUser}`);
});

test("a statement that does not parse names the line and column, and nothing runs", async () => {
  const result = await keydesk(["-e", `CREATE USER 'never-${run}@e2e.test' ${PASSWORD};\nSHOW USR ${quotedUser};`]);
  expect(result.code).not.toBe(0);
  expect(result.stdout).toBe("");
  expect(result.stderr).toContain('expected USER, CURRENT, KEY or TOKEN but found "USR" at line 2, column 6');
  expect(result.stderr).toContain("     ^");
  const never = await keydesk(["-e", `SHOW USER 'never-${run}@e2e.test';`]);
  expect(never.code).toBe(1);
});

test("a server error prints the server's message and exits 1", async () => {
  const weak = await keydesk(["-e", `CREATE USER weak-${run}@e2e.test short;`]);
  expect(weak.code).toBe(1);
  expect(weak.stderr).toContain("Password must be at least 12 characters");

  // The first failure stops the run: the SHOW after it never executes.
  const unknown = await keydesk(["-e", `DROP USER 'nobody-${run}@e2e.test'; SHOW USER ${quotedUser};`]);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain("error: User not found");
  expect(unknown.stdout).toBe("");
});
