import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startFakeProviderServer, type FakeProviderServer } from "../lib/models/fake-provider-server";
import { ADMIN_STATE } from "./auth-state";

test.use({ storageState: ADMIN_STATE });
// Each CLI run starts node + tsx (about a second), and the statements build on each other.
test.describe.configure({ mode: "serial", timeout: 120_000 });

// Mistral, not the OpenAI of models.spec.ts, so the two specs never touch the same provider.
// It is hosted (one real check, against the local server here) and offers chat, embedding and
// image-to-text models; rerank comes from Builtin, which has no image-to-text model.
const FACTORY = "Mistral";
const PROVIDER_KEY = `sk-cli-${randomBytes(12).toString("hex")}`;
const CHAT = `mistral-small-latest@${FACTORY}`;
const VLM = `pixtral-large-latest@${FACTORY}`;
const RERANK = "builtin-rerank@Builtin";

type Run = { code: number; stdout: string; stderr: string };

const AWS_ID = `AKIA${randomBytes(8).toString("hex").toUpperCase()}`;
const AWS_SECRET = `aws-${randomBytes(16).toString("hex")}`;

let fake: FakeProviderServer;
let bedrock: FakeProviderServer;
let env: NodeJS.ProcessEnv;

/** The real binary, as an operator runs it: `keydesk admin -e "<statements>" [--json]`. */
function keydesk(statements: string, ...flags: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      "node",
      ["bin/keydesk.mjs", "admin", "-e", statements, ...flags],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function ok(statements: string, ...flags: string[]): Promise<string> {
  const run = await keydesk(statements, ...flags);
  expect(run.stderr, `stderr of ${statements}`).toBe("");
  expect(run.code, `exit code of ${statements}`).toBe(0);
  return run.stdout;
}

async function listDefaults(): Promise<Record<string, string | null>> {
  return JSON.parse(await ok("LIST DEFAULT MODELS;", "--json"));
}

test.beforeAll(async ({ browser, baseURL }) => {
  fake = await startFakeProviderServer({ acceptKey: PROVIDER_KEY });
  bedrock = await startFakeProviderServer({ acceptKey: AWS_ID, acceptSecret: AWS_SECRET });
  // A Keydesk key of the admin's own (default scopes include models:read and models:write).
  const context = await browser.newContext({ storageState: ADMIN_STATE, baseURL });
  const created = await context.request.post("/api/v1/keys", {
    data: { name: `cli-models-${Date.now()}` },
    headers: { origin: baseURL! },
  });
  expect(created.status()).toBe(201);
  const apiKey: string = (await created.json()).data.key;
  await context.close();
  env = { ...process.env, KEYDESK_URL: baseURL, KEYDESK_API_KEY: apiKey };
});
test.afterAll(async () => {
  await fake?.close();
  await bedrock?.close();
});

test("CREATE and LIST MODEL PROVIDERS check the key with the provider and show it masked", async () => {
  const created = await ok(`CREATE MODEL PROVIDER ${FACTORY} '${PROVIDER_KEY}' '${fake.url}';`);
  expect(created).toContain(`Added model provider ${FACTORY}.`);
  expect(fake.requests.at(-1)).toMatchObject({ path: "/v1/models", apiKey: PROVIDER_KEY });

  const table = await ok("LIST MODEL PROVIDERS;");
  const line = table.split("\n").find((row) => row.startsWith(FACTORY));
  expect(line).toBeDefined();
  expect(line).toContain(`sk-…${PROVIDER_KEY.slice(-4)}`);
  expect(line).toContain(fake.url);
  expect(line).toContain("verified");
  expect(table).toMatch(/^factory\s+api_key\s+base_url\s+status\s+models/);
  expect(table).not.toContain(PROVIDER_KEY);

  const json = JSON.parse(await ok("LIST MODEL PROVIDERS;", "--json"));
  expect(json).toContainEqual(expect.objectContaining({ factory: FACTORY, status: "verified", base_url: fake.url }));
  expect(JSON.stringify(json)).not.toContain(PROVIDER_KEY);
});

test("SET DEFAULT maps LLM, VLM and RERANKER to their fields; LIST DEFAULT MODELS shows them", async () => {
  const set = await ok(`SET DEFAULT LLM '${CHAT}'; SET DEFAULT VLM '${VLM}'; SET DEFAULT RERANKER '${RERANK}';`);
  expect(set).toContain(`Default LLM set to ${CHAT}.`);

  const table = await ok("LIST DEFAULT MODELS;");
  const row = (type: string) => table.split("\n").find((line) => line.startsWith(`${type} `)) ?? "";
  expect(row("LLM")).toMatch(new RegExp(`llm_id\\s+${CHAT}$`));
  expect(row("VLM")).toMatch(new RegExp(`img2txt_id\\s+${VLM}$`));
  expect(row("RERANKER")).toMatch(new RegExp(`rerank_id\\s+${RERANK}$`));

  expect(await listDefaults()).toMatchObject({ llm_id: CHAT, img2txt_id: VLM, rerank_id: RERANK });
});

test("a statement the server refuses prints its message and exits 1", async () => {
  const failed = await keydesk("SET DEFAULT LLM 'nope@Nowhere';");
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain("error: Invalid default models: nothing was changed");
  expect(failed.stderr).toContain("llm_id: unknown model: there is no model factory named Nowhere");
  expect(await listDefaults()).toMatchObject({ llm_id: CHAT });
});

test("RESET DEFAULT clears one; DROP MODEL PROVIDER clears the defaults that used it", async () => {
  expect(await ok("RESET DEFAULT LLM;")).toContain("Default LLM cleared.");
  expect(await listDefaults()).toMatchObject({ llm_id: null, img2txt_id: VLM, rerank_id: RERANK });

  expect(await ok(`DROP MODEL PROVIDER ${FACTORY};`)).toContain(`Removed model provider ${FACTORY}`);
  // The Mistral VLM default went with its provider; the Builtin reranker stays.
  expect(await listDefaults()).toMatchObject({ llm_id: null, img2txt_id: null, rerank_id: RERANK });
  const providers = JSON.parse(await ok("LIST MODEL PROVIDERS;", "--json"));
  expect(providers).not.toContainEqual(expect.objectContaining({ factory: FACTORY }));

  // Leave the admin's defaults as other specs expect to find them.
  await ok("RESET DEFAULT RERANKER;");
});

test("CREATE MODEL PROVIDER takes Bedrock's fields as one JSON object; LIST MODELS OF shows each model's type", async () => {
  const fields = JSON.stringify({ access_key_id: AWS_ID, secret_access_key: AWS_SECRET, region: "us-east-1" });
  const created = await ok(`CREATE MODEL PROVIDER Bedrock '${fields}' '${bedrock.origin}';`);
  expect(created).toContain("Added model provider Bedrock.");
  expect(bedrock.calls.at(-1)?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIA/);

  const table = await ok("LIST MODELS OF Bedrock;");
  expect(table).toMatch(/^factory\s+name\s+type\s+max_tokens/);
  expect(table).toMatch(/Bedrock\s+amazon\.titan-embed-text-v2:0\s+embedding\s+8192/);
  expect(table).toMatch(/Bedrock\s+amazon\.nova-pro-v1:0\s+image2text\s+300000/);
  const providers = await ok("LIST MODEL PROVIDERS;", "--json");
  expect(providers).not.toContain(AWS_SECRET);

  const refused = await keydesk(
    `CREATE MODEL PROVIDER Bedrock '${JSON.stringify({ access_key_id: AWS_ID, secret_access_key: "wrong-secret-0000", region: "us-east-1" })}' '${bedrock.origin}';`,
  );
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("Bedrock refused the Access key id");
  expect(refused.stderr).not.toContain("wrong-secret-0000");
  await ok("DROP MODEL PROVIDER Bedrock;");
});
