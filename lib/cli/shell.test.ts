import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiClient } from "./api-client";
import { runInteractive, runStatements, type TextSink } from "./shell";
import { startFakeKeydesk, type FakeKeydesk } from "./test-server";

const SECRET = `kd_${"S".repeat(32)}xyz789`;
let server: FakeKeydesk;
let client: ApiClient;

function sink(): TextSink & { text: () => string } {
  const chunks: string[] = [];
  return { write: (chunk: string) => chunks.push(chunk), text: () => chunks.join("") };
}

beforeAll(async () => {
  server = await startFakeKeydesk();
  client = new ApiClient({ baseUrl: server.url, apiKey: "kd_test" });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle((r) => {
    if (r.method === "DELETE") return { status: 409, message: "cannot delete the last admin" };
    if (r.method === "POST" && r.path === "/api/v1/admin/users") {
      return { status: 400, message: "invalid input", data: { fields: { password: ["at least 12 characters"] } } };
    }
    if (r.path.endsWith("/keys")) return { status: 201, data: { id: "k1", key: SECRET } };
    return { data: { id: "u1", email: "a@x.com", disabled: false } };
  });
});

describe("runStatements", () => {
  it("runs every statement and exits 0", async () => {
    const stdout = sink();
    const code = await runStatements("SHOW USER a@x.com; SHOW USER b@x.com;", { client, stdout, stderr: sink() });
    expect(code).toBe(0);
    expect(server.requests.map((r) => r.path)).toEqual([
      "/api/v1/admin/users/a%40x.com",
      "/api/v1/admin/users/b%40x.com",
    ]);
    expect(stdout.text()).toBe(
      "id        u1\nemail     a@x.com\ndisabled  no\n\nid        u1\nemail     a@x.com\ndisabled  no\n",
    );
  });

  it("stops at the first failed statement, prints the server's message, exits 1", async () => {
    const stderr = sink();
    const code = await runStatements("SHOW USER a@x.com; DROP USER a@x.com; SHOW USER b@x.com;", {
      client,
      stdout: sink(),
      stderr,
    });
    expect(code).toBe(1);
    expect(server.requests.map((r) => r.method)).toEqual(["GET", "DELETE"]);
    expect(stderr.text()).toBe("error: cannot delete the last admin\n");
  });

  it("prints field errors under the message", async () => {
    const stderr = sink();
    expect(await runStatements("CREATE USER a@x.com short;", { client, stdout: sink(), stderr })).toBe(1);
    expect(stderr.text()).toBe("error: invalid input\n  password: at least 12 characters\n");
  });

  it("runs nothing when a statement does not parse, and says where", async () => {
    const stderr = sink();
    expect(await runStatements("SHOW USER a@x.com;\nDROP USR b;", { client, stdout: sink(), stderr })).toBe(1);
    expect(server.requests).toHaveLength(0);
    expect(stderr.text()).toBe(
      'error: expected USER, KEY, TOKEN or MODEL but found "USR" at line 2, column 6\nDROP USR b;\n     ^\n',
    );
  });

  it("prints JSON, and the show-once warning on stderr", async () => {
    const stdout = sink();
    const stderr = sink();
    expect(await runStatements("GENERATE KEY FOR USER a@x.com;", { client, json: true, stdout, stderr })).toBe(0);
    expect(JSON.parse(stdout.text())).toEqual({ id: "k1", key: SECRET });
    expect(stderr.text()).toBe("Copy the key now: it will not be shown again.\n");
  });

  it("stops at QUIT", async () => {
    expect(await runStatements("QUIT; SHOW USER a@x.com;", { client, stdout: sink(), stderr: sink() })).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});

describe("runInteractive", () => {
  it("reads continuation lines, survives errors, keeps safe history, and quits", async () => {
    const historyFile = join(mkdtempSync(join(tmpdir(), "keydesk-cli-")), "history");
    writeFileSync(historyFile, "LIST USERS;\n");
    const input = new PassThrough();
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
    const stderr = sink();

    const done = runInteractive({ client, input, output, stderr, historyFile });
    input.write("SHOW USER\n");
    input.write("  a@x.com;\n");
    input.write("DROP USER a@x.com;\n");
    input.write("CREATE USER b@x.com 'secret password';\n");
    input.write("SHOW USR x;\n");
    input.write("QUIT;\n");
    input.write("SHOW USER never@x.com;\n");
    expect(await done).toBe(0);

    const shown = chunks.join("");
    expect(shown).toContain("keydesk> ");
    expect(shown).toContain("      -> ");
    expect(shown).toContain("email     a@x.com");
    expect(stderr.text()).toContain("error: cannot delete the last admin\n");
    expect(stderr.text()).toContain(
      'error: expected USER, CURRENT, KEY or TOKEN but found "USR" at line 1, column 6\n',
    );
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /api/v1/admin/users/a%40x.com",
      "DELETE /api/v1/admin/users/a%40x.com",
      "POST /api/v1/admin/users",
    ]);
    // The password never reaches the history file.
    expect(readFileSync(historyFile, "utf8")).toBe(
      "LIST USERS;\nSHOW USER a@x.com;\nDROP USER a@x.com;\nSHOW USR x;\nQUIT;\n",
    );
  });
});
