import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiClient } from "./api-client";
import { CliCommandError, executeStatement } from "./execute";
import type { CliResult } from "./format";
import { parseStatements } from "./parser";
import { startFakeKeydesk, type FakeKeydesk, type RecordedRequest } from "./test-server";

// The model statements of issue 13: credentials of several fields as one JSON argument, and models
// listed per factory with their types.

const KEY = `kd_${"m".repeat(32)}MODEL1`;
let server: FakeKeydesk;
let client: ApiClient;

beforeAll(async () => {
  server = await startFakeKeydesk();
  client = new ApiClient({ baseUrl: `${server.url}/`, apiKey: KEY });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle(() => ({ data: true }));
});

function run(text: string): Promise<CliResult> {
  const [statement] = parseStatements(text);
  return executeStatement(statement, client);
}

const calls = () => server.requests.map((r: RecordedRequest) => [r.method, r.url, r.body]);

describe("CREATE MODEL PROVIDER with several credential fields", () => {
  it("sends a JSON object argument as the api_key object, in the body", async () => {
    await run(
      `CREATE MODEL PROVIDER Bedrock '{"access_key_id": "AKIA1", "secret_access_key": "s3cret", "region": "us-east-1"}';`,
    );
    await run(`CREATE MODEL PROVIDER 'Tencent Hunyuan' '{"secret_id": "AKID1", "secret_key": "k2"}';`);
    expect(calls()).toEqual([
      [
        "POST",
        "/api/v1/models",
        {
          llm_factory: "Bedrock",
          api_key: { access_key_id: "AKIA1", secret_access_key: "s3cret", region: "us-east-1" },
        },
      ],
      ["POST", "/api/v1/models", { llm_factory: "Tencent Hunyuan", api_key: { secret_id: "AKID1", secret_key: "k2" } }],
    ]);
  });

  it("refuses broken JSON without sending it or repeating it", async () => {
    const failure = await run(`CREATE MODEL PROVIDER Bedrock '{"secret_access_key": "s3cret"';`).catch(
      (error) => error,
    );
    expect(failure).toBeInstanceOf(CliCommandError);
    expect(String(failure.message)).not.toContain("s3cret");
    expect(calls()).toEqual([]);
  });
});

describe("LIST MODELS", () => {
  const models = {
    Builtin: { tags: "LLM", llm: [{ type: "chat", name: "builtin-chat", used_token: 0, max_tokens: 8192 }] },
    Ollama: {
      tags: "LLM,TEXT EMBEDDING",
      llm: [
        { type: "embedding", name: "nomic-embed-text", used_token: 0, max_tokens: 8192 },
        { type: "chat", name: "qwen3:8b", used_token: 0, max_tokens: 40960 },
      ],
    },
  };

  it("lists every model per factory with its type and limit", async () => {
    server.handle(() => ({ data: models }));
    const result = await run("LIST MODELS;");
    expect(calls()).toEqual([["GET", "/api/v1/models?include_details=true", undefined]]);
    expect(result.columns).toEqual(["factory", "name", "type", "max_tokens"]);
    expect(result.rows).toEqual([
      { factory: "Builtin", name: "builtin-chat", type: "chat", max_tokens: 8192 },
      { factory: "Ollama", name: "nomic-embed-text", type: "embedding", max_tokens: 8192 },
      { factory: "Ollama", name: "qwen3:8b", type: "chat", max_tokens: 40960 },
    ]);
  });

  it("lists one factory's models with OF", async () => {
    server.handle(() => ({ data: models }));
    const result = await run("list models of Ollama;");
    expect(result.rows?.map((row) => row.name)).toEqual(["nomic-embed-text", "qwen3:8b"]);
    expect(result.message).toBe("2 models");
  });
});
