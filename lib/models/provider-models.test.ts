import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { db } from "@/lib/db";
import {
  GOOD_KEY,
  TEST_ENCRYPTION_KEY,
  addOneModel,
  addProvider,
  allowPrivateProviderNetworks,
  discover,
  listProviders,
  modelRows,
  newUser,
  providerRows,
  recheck,
  refusedUrl,
  removeOneModel,
  setDefaultModels,
} from "@/tests/support/models";
import { startFakeProviderServer, type FakeProviderServer } from "./fake-provider-server";
import { decryptSecret, parseEncryptionKey } from "./secret-box";

// Credentials of several fields, single models, re-checks and discovery, through the REST routes.

allowPrivateProviderNetworks();

const AWS_ID = "AKIAKEYDESKTEST00001";
const AWS_SECRET = "aws-secret-0123456789abcdefghijklmnop";
let fake: FakeProviderServer;
let bedrock: FakeProviderServer;
let ollama: FakeProviderServer;

beforeAll(async () => {
  fake = await startFakeProviderServer({ acceptKey: GOOD_KEY, models: ["gpt-4o-mini", "my-finetune"] });
  bedrock = await startFakeProviderServer({
    acceptKey: AWS_ID,
    acceptSecret: AWS_SECRET,
    models: ["amazon.nova-pro-v1:0"],
  });
  ollama = await startFakeProviderServer({
    acceptKey: GOOD_KEY,
    ollamaModels: [
      { name: "nomic-embed-text:latest", capabilities: ["embedding"], contextLength: 8192 },
      { name: "qwen3:8b", capabilities: ["completion"], contextLength: 40960 },
    ],
  });
});
afterAll(async () => {
  await Promise.all([fake.close(), bedrock.close(), ollama.close()]);
});

const bedrockBody = (secret = AWS_SECRET) => ({
  llm_factory: "Bedrock",
  api_key: { access_key_id: AWS_ID, secret_access_key: secret, region: "us-east-1" },
  base_url: bedrock.origin,
});

describe("credentials of several fields", () => {
  it("checks Bedrock with SigV4, seals both keys and keeps the region in clear, and never shows a secret", async () => {
    const { user, key } = await newUser();
    expect(await addProvider(key, bedrockBody())).toMatchObject({ status: 200, data: true });
    const row = await db.modelProvider.findFirstOrThrow({
      where: { userId: user.id },
      select: { apiKeyEncrypted: true, apiKeyMasked: true, credentialSettings: true, status: true },
    });
    expect(row).toMatchObject({
      apiKeyMasked: "AKI…0001",
      credentialSettings: { region: "us-east-1" },
      status: "verified",
    });
    expect(row.apiKeyEncrypted).not.toContain(AWS_SECRET);
    expect(JSON.parse(decryptSecret(row.apiKeyEncrypted ?? "", parseEncryptionKey(TEST_ENCRYPTION_KEY)))).toEqual({
      access_key_id: AWS_ID,
      secret_access_key: AWS_SECRET,
    });
    const listed = await listProviders(key);
    expect(listed.data).toEqual([
      expect.objectContaining({ factory: "Bedrock", settings: { region: "us-east-1" }, last_check_ok: true }),
    ]);
    const audit = await db.auditEvent.findMany({ where: { actorId: user.id }, select: { details: true } });
    for (const text of [JSON.stringify(listed), JSON.stringify(audit)]) {
      expect(text).not.toContain(AWS_SECRET);
      expect(text).not.toContain(AWS_ID);
    }
  });

  it("takes the fields as one JSON string too, as the CLI sends them", async () => {
    const { key } = await newUser();
    const body = { ...bedrockBody(), api_key: JSON.stringify(bedrockBody().api_key) };
    expect(await addProvider(key, body)).toMatchObject({ status: 200, data: true });
  });

  it("says a refused secret key was refused, at the key field, and saves nothing", async () => {
    const { user, key } = await newUser();
    const response = await addProvider(key, bedrockBody("wrong-secret-0123456789"));
    expect(response).toMatchObject({
      status: 400,
      message:
        "Bedrock refused the Access key id: The request signature we calculated does not match the signature you provided.",
      data: { fields: { "api_key.access_key_id": [expect.stringMatching(/^Bedrock refused this Access key id: /)] } },
    });
    expect(JSON.stringify(response)).not.toContain("wrong-secret");
    expect(await providerRows(user.id)).toEqual([]);
  });

  it("names each missing or malformed field without calling the provider", async () => {
    const { key } = await newUser();
    const before = bedrock.calls.length;
    const response = await addProvider(key, {
      llm_factory: "Bedrock",
      api_key: { access_key_id: AWS_ID, region: "us-east-1/../evil" },
      base_url: bedrock.origin,
    });
    expect(response).toMatchObject({ status: 400, message: "Check the Bedrock credentials" });
    expect(response.data.fields).toEqual({
      "api_key.secret_access_key": ["Required for Bedrock"],
      "api_key.region": ["Region must be a region such as us-east-1"],
    });
    expect(bedrock.calls.length).toBe(before);
  });
});

describe("private networks and metadata addresses", () => {
  it("refuses a hosted factory on loopback unless PROVIDER_ALLOW_PRIVATE_NETWORKS=true; self-hosted may", async () => {
    process.env.PROVIDER_ALLOW_PRIVATE_NETWORKS = "false";
    resetConfigForTests();
    try {
      const { key } = await newUser();
      const before = fake.calls.length;
      const hosted = await addProvider(key, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: fake.url });
      expect(hosted).toMatchObject({ status: 400 });
      expect(hosted.data.fields.base_url[0]).toMatch(/127\.0\.0\.1 is on a private network/);
      expect(fake.calls.length).toBe(before);
      const selfHosted = await addProvider(key, { llm_factory: "vLLM", api_key: GOOD_KEY, base_url: fake.url });
      expect(selfHosted).toMatchObject({ status: 200, data: true });
    } finally {
      process.env.PROVIDER_ALLOW_PRIVATE_NETWORKS = "true";
      resetConfigForTests();
    }
  });

  it.each(["http://169.254.169.254/v1", "http://metadata.google.internal/v1", "http://[fd00:ec2::254]/v1"])(
    "refuses %s for every factory, self-hosted too, and saves nothing",
    async (baseUrl) => {
      const { user, key } = await newUser();
      const response = await addProvider(key, { llm_factory: "Ollama", base_url: baseUrl });
      expect(response.status).toBe(400);
      expect(response.data.fields.base_url[0]).toMatch(/^refused to call /);
      expect(await providerRows(user.id)).toEqual([]);
    },
  );

  it("refuses a base URL with a query string, where a secret could hide", async () => {
    const { key } = await newUser();
    const response = await addProvider(key, {
      llm_factory: "OpenAI",
      api_key: GOOD_KEY,
      base_url: `${fake.url}?key=x`,
    });
    expect(response).toMatchObject({ status: 400 });
    expect(Object.keys(response.data.fields)).toEqual(["base_url"]);
  });
});

describe("models one by one", () => {
  it("adds one model of a type the catalog does not list, then removes it and the default that used it", async () => {
    const { user, key } = await newUser();
    await addProvider(key, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: fake.url, models: ["gpt-4o-mini"] });
    const added = await addOneModel(key, "OpenAI", { name: "my-embedder", type: "embedding", max_tokens: 2048 });
    expect(added).toMatchObject({ status: 200, data: { name: "my-embedder", type: "embedding", max_tokens: 2048 } });
    expect(await setDefaultModels(key, { embd_id: "my-embedder@OpenAI", llm_id: "gpt-4o-mini@OpenAI" })).toMatchObject({
      status: 200,
    });
    const removed = await removeOneModel(key, "OpenAI", "my-embedder");
    expect(removed).toMatchObject({
      status: 200,
      data: { factory: "OpenAI", name: "my-embedder", removed: ["embedding"], cleared_defaults: ["embd_id"] },
    });
    const defaults = await db.defaultModels.findUniqueOrThrow({
      where: { userId: user.id },
      select: { llmId: true, embdId: true },
    });
    expect(defaults).toEqual({ llmId: "gpt-4o-mini@OpenAI", embdId: null });
  });

  it("removes one type of a name with ?type=, and a name with a slash", async () => {
    const { user, key } = await newUser();
    await addProvider(key, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: fake.url, models: ["gpt-4o"] });
    await addOneModel(key, "OpenAI", { name: "org/model", type: "chat" });
    expect(await removeOneModel(key, "OpenAI", "gpt-4o", "?type=image2text")).toMatchObject({
      status: 200,
      data: { removed: ["image2text"] },
    });
    expect(await removeOneModel(key, "OpenAI", "org/model")).toMatchObject({
      status: 200,
      data: { name: "org/model" },
    });
    const [row] = await providerRows(user.id);
    expect((await modelRows(row.id)).map(({ name, type }) => `${name}:${type}`)).toEqual(["gpt-4o:chat"]);
  });

  it("404s a factory that is not configured or a model it does not have, and 400s Builtin and bad types", async () => {
    const { key } = await newUser();
    expect(await addOneModel(key, "Mistral", { name: "x", type: "chat" })).toMatchObject({ status: 404 });
    expect(await removeOneModel(key, "Mistral", "x")).toMatchObject({ status: 404 });
    expect(await addOneModel(key, "Builtin", { name: "x", type: "chat" })).toMatchObject({ status: 400 });
    await addProvider(key, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: fake.url, models: ["gpt-4o-mini"] });
    expect(await removeOneModel(key, "OpenAI", "nope")).toMatchObject({ status: 404, message: "Model not found" });
    const badType = await addOneModel(key, "OpenAI", { name: "x", type: "video" });
    expect(badType).toMatchObject({ status: 400 });
    expect(Object.keys(badType.data.fields)).toEqual(["type"]);
  });

  it("saves {name, type, max_tokens} models given with the provider", async () => {
    const { user, key } = await newUser();
    const models = ["gpt-4o-mini", { name: "my-finetune", type: "chat", max_tokens: 16000 }];
    expect(
      await addProvider(key, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: fake.url, models }),
    ).toMatchObject({
      status: 200,
    });
    const [row] = await providerRows(user.id);
    expect((await modelRows(row.id)).map(({ name, type, maxTokens }) => `${name}:${type}:${maxTokens}`)).toEqual([
      "gpt-4o-mini:chat:128000",
      "gpt-4o-mini:image2text:128000",
      "my-finetune:chat:16000",
    ]);
  });
});

describe("discovery and re-checks", () => {
  it("asks Ollama what it serves, typed by its capabilities, and saves the same without a list", async () => {
    const { user, key } = await newUser();
    const found = await discover(key, { llm_factory: "Ollama", base_url: ollama.origin });
    expect(found).toMatchObject({
      status: 200,
      data: [
        { name: "nomic-embed-text:latest", types: ["embedding"], suggested_type: "embedding", max_tokens: 8192 },
        { name: "qwen3:8b", types: ["chat"], suggested_type: "chat", max_tokens: 40960 },
      ],
    });
    expect(await providerRows(user.id)).toEqual([]);
    expect(await addProvider(key, { llm_factory: "Ollama", base_url: ollama.origin })).toMatchObject({ status: 200 });
    const [row] = await providerRows(user.id);
    expect((await modelRows(row.id)).map(({ name, type }) => `${name}:${type}`)).toEqual([
      "nomic-embed-text:latest:embedding",
      "qwen3:8b:chat",
    ]);
  });

  it("re-checks saved credentials, stores the result and shows it in the provider list", async () => {
    const { key } = await newUser();
    expect(await recheck(key, "OpenAI")).toMatchObject({ status: 404 });
    await addProvider(key, bedrockBody());
    const ok = await recheck(key, "Bedrock");
    expect(ok).toMatchObject({ status: 200, data: { ok: true, message: "Accepted: 1 models listed" } });
    const closed = await refusedUrl();
    await db.modelProvider.updateMany({ where: { factory: "Bedrock" }, data: { baseUrl: closed } });
    const failed = await recheck(key, "Bedrock");
    expect(failed).toMatchObject({
      status: 200,
      data: { ok: false, message: `could not reach ${closed} (ECONNREFUSED)` },
    });
    expect(Date.parse(failed.data.checked_at)).toBeGreaterThan(Date.parse(ok.data.checked_at) - 1);
    const [listed] = (await listProviders(key)).data;
    expect(listed).toMatchObject({
      status: "unverified",
      last_check_ok: false,
      last_check_message: `could not reach ${closed} (ECONNREFUSED)`,
      last_checked_at: failed.data.checked_at,
    });
  });
});
