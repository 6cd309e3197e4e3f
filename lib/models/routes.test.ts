import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import {
  BAD_KEY,
  GOOD_KEY,
  TEST_ENCRYPTION_KEY,
  addProvider as add,
  getDefaultModels,
  listModels as models,
  listProviders as providers,
  modelRows,
  newUser,
  providerRows,
  refusedUrl,
  allowPrivateProviderNetworks,
} from "@/tests/support/models";
import { findFactory } from "./catalog";
import { startFakeProviderServer, type FakeProviderServer } from "./fake-provider-server";
import { decryptSecret, parseEncryptionKey } from "./secret-box";

allowPrivateProviderNetworks();

// POST /models against a real local provider (fake-provider-server.ts), never a mocked fetch.

const OTHER_KEY = "sk-other-9876543210zyxwvutsrqponm";
let fake: FakeProviderServer;
let closedUrl: string;

beforeAll(async () => {
  fake = await startFakeProviderServer({ acceptKey: GOOD_KEY });
  closedUrl = await refusedUrl();
});
afterAll(() => fake.close());
afterEach(() => vi.restoreAllMocks());

describe("POST /models with a hosted factory", () => {
  it("saves the provider after one real list-models call at base_url, with the catalog's models", async () => {
    const { user, key } = await newUser();
    const before = fake.requests.length;
    const response = await add(key, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: fake.url });
    expect(response).toMatchObject({ status: 200, code: 0, data: true });
    expect(fake.requests.slice(before)).toEqual([{ method: "GET", path: "/v1/models", apiKey: GOOD_KEY }]);
    const [row] = await providerRows(user.id);
    expect(row).toMatchObject({ factory: "OpenAI", baseUrl: fake.url, status: "verified", apiKeyMasked: "sk-…ghij" });
    const saved = await modelRows(row.id);
    expect(saved.map(({ name, type, maxTokens }) => ({ name, type, maxTokens }))).toEqual(
      findFactory("OpenAI")?.models,
    );
    const audit = await db.auditEvent.findMany({
      where: { actorId: user.id, action: "provider.added" },
      select: { targetId: true, details: true },
    });
    expect(audit).toEqual([{ targetId: row.id, details: { factory: "OpenAI", base_url: fake.url } }]);
  });

  it("saves only the requested models: every catalog type of a name, unknown names as chat", async () => {
    const { user, key } = await newUser();
    const body = {
      llm_factory: "OpenAI",
      api_key: GOOD_KEY,
      base_url: fake.url,
      models: ["gpt-4o", "gpt-4o", "ft:gpt-4o-mini:acme"],
    };
    expect((await add(key, body)).status).toBe(200);
    const [row] = await providerRows(user.id);
    expect(await modelRows(row.id)).toEqual([
      { name: "gpt-4o", type: "chat", maxTokens: 128000, usedTokens: 0 },
      { name: "gpt-4o", type: "image2text", maxTokens: 128000, usedTokens: 0 },
      { name: "ft:gpt-4o-mini:acme", type: "chat", maxTokens: 0, usedTokens: 0 },
    ]);
  });

  it("encrypts the API key at rest with a fresh IV and never returns, audits or logs it", async () => {
    const { user, key } = await newUser();
    const logged = (["log", "info", "warn", "error", "debug"] as const).map((level) => vi.spyOn(console, level));
    const bodies = [
      await add(key, { llm_factory: "OpenAI", api_key: BAD_KEY, base_url: fake.url }),
      await add(key, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: fake.url }),
      await models(key, "?include_details=true"),
      await providers(key),
      await getDefaultModels(key),
    ];
    const raw = await db.$queryRaw<{ api_key_encrypted: string; api_key_masked: string }[]>`
      SELECT api_key_encrypted, api_key_masked FROM model_providers WHERE user_id = ${user.id}`;
    expect(raw).toHaveLength(1);
    expect(raw[0].api_key_encrypted).toMatch(/^v1\./);
    expect(raw[0].api_key_encrypted).not.toContain(GOOD_KEY);
    expect(raw[0].api_key_encrypted).not.toContain("sk-test");
    expect(decryptSecret(raw[0].api_key_encrypted, parseEncryptionKey(TEST_ENCRYPTION_KEY))).toBe(GOOD_KEY);
    expect(raw[0].api_key_masked).toBe("sk-…ghij");

    expect((await add(key, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: fake.url })).status).toBe(200);
    const [again] = await db.$queryRaw<
      { api_key_encrypted: string }[]
    >`SELECT api_key_encrypted FROM model_providers WHERE user_id = ${user.id}`;
    expect(again.api_key_encrypted).not.toBe(raw[0].api_key_encrypted);

    const audit = await db.auditEvent.findMany({ where: { actorId: user.id }, select: { details: true } });
    for (const text of [...bodies.map((body) => JSON.stringify(body)), JSON.stringify(audit)]) {
      expect(text).not.toContain(GOOD_KEY);
      expect(text).not.toContain(BAD_KEY);
    }
    const logText = JSON.stringify(logged.flatMap((spy) => spy.mock.calls));
    expect(logText).not.toContain(GOOD_KEY);
    expect(logText).not.toContain(BAD_KEY);
  });

  it("400s a refused key with the provider's message and saves nothing", async () => {
    const { user, key } = await newUser();
    const { status, code, message, data } = await add(key, {
      llm_factory: "OpenAI",
      api_key: BAD_KEY,
      base_url: fake.url,
    });
    expect({ status, code, message, data }).toEqual({
      status: 400,
      code: 400,
      message: "OpenAI refused the API key: Incorrect API key provided",
      data: { fields: { api_key: ["OpenAI refused this API key: Incorrect API key provided"] } },
    });
    expect(fake.requests.at(-1)).toEqual({ method: "GET", path: "/v1/models", apiKey: BAD_KEY });
    expect(await providerRows(user.id)).toEqual([]);
  });

  it("400s an unreachable provider, saying so, and saves nothing", async () => {
    const { user, key } = await newUser();
    const response = await add(key, { llm_factory: "Mistral", api_key: GOOD_KEY, base_url: closedUrl });
    expect(response.status).toBe(400);
    expect(response.message).toBe(`could not reach ${closedUrl} (ECONNREFUSED)`);
    expect(response.data).toEqual({ fields: { base_url: [response.message] } });
    expect(await providerRows(user.id)).toEqual([]);
  });

  it("400s a base URL that answers but is not a models endpoint", async () => {
    const { user, key } = await newUser();
    const origin = fake.url.replace(/\/v1$/, "");
    const response = await add(key, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: origin });
    expect(response).toMatchObject({
      status: 400,
      message: `${origin}/models answered HTTP 404: Unknown request URL: GET /models`,
    });
    expect(await providerRows(user.id)).toEqual([]);
  });

  it.each([
    [
      "an unknown factory",
      { llm_factory: "NoSuchAI", api_key: GOOD_KEY },
      "llm_factory",
      "Unknown model factory NoSuchAI",
    ],
    [
      "Builtin",
      { llm_factory: "Builtin", api_key: GOOD_KEY },
      "llm_factory",
      "Builtin models are always available and cannot be added",
    ],
    ["a hosted factory without api_key", { llm_factory: "OpenAI" }, "api_key", "OpenAI needs an API key"],
    [
      "a hosted factory with a blank api_key",
      { llm_factory: "Anthropic", api_key: "  " },
      "api_key",
      "Anthropic needs an API key",
    ],
    ["a self-hosted factory without base_url", { llm_factory: "Ollama" }, "base_url", "Ollama needs a base URL"],
    [
      "OpenAI-API-Compatible without base_url",
      { llm_factory: "OpenAI-API-Compatible", api_key: GOOD_KEY },
      "base_url",
      "OpenAI-API-Compatible needs a base URL",
    ],
  ])("400s %s without calling anyone or saving anything", async (_, body, field, message) => {
    const { user, key } = await newUser();
    const before = fake.requests.length;
    const response = await add(key, body);
    expect(response).toMatchObject({ status: 400, message });
    expect(Object.keys(response.data.fields)).toEqual([field]);
    expect(fake.requests.length).toBe(before);
    expect(await providerRows(user.id)).toEqual([]);
  });
});

describe("POST /models with a self-hosted factory", () => {
  it("saves the models its server lists, typed by the catalog where it knows them, and marks it verified", async () => {
    const { user, key } = await newUser();
    expect((await add(key, { llm_factory: "LocalAI", api_key: GOOD_KEY, base_url: fake.url })).data).toBe(true);
    const [row] = await providerRows(user.id);
    expect(row).toMatchObject({ factory: "LocalAI", status: "verified", baseUrl: fake.url });
    expect((await modelRows(row.id)).map(({ name, type }) => `${name}:${type}`)).toEqual([
      "gpt-4o-mini:chat",
      "text-embedding-3-small:chat",
      "whisper-1:asr",
      "tts-1:tts",
    ]);
  });

  it("saves an unreachable one as unverified, without a key", async () => {
    const { user, key } = await newUser();
    expect(await add(key, { llm_factory: "Ollama", base_url: closedUrl })).toMatchObject({ status: 200, data: true });
    const [row] = await providerRows(user.id);
    expect(row).toMatchObject({ factory: "Ollama", status: "unverified", apiKeyMasked: null, baseUrl: closedUrl });
    expect(await modelRows(row.id)).toHaveLength(findFactory("Ollama")?.models.length ?? -1);
    const listed = await providers(key);
    expect(listed.data).toEqual([
      expect.objectContaining({
        factory: "Ollama",
        api_key_masked: null,
        base_url: closedUrl,
        status: "unverified",
        model_count: 11,
      }),
    ]);
  });

  it("400s a key its server refuses, at the key field, and saves nothing (issue 12: every factory)", async () => {
    const { user, key } = await newUser();
    for (const factory of ["Xinference", "OpenAI-API-Compatible"]) {
      const response = await add(key, { llm_factory: factory, api_key: BAD_KEY, base_url: fake.url });
      expect(response).toMatchObject({
        status: 400,
        message: `${factory} refused the API key: Incorrect API key provided`,
        data: { fields: { api_key: [`${factory} refused this API key: Incorrect API key provided`] } },
      });
    }
    expect(await providerRows(user.id)).toEqual([]);
  });

  it("takes OpenAI-API-Compatible models from the server's list, as chat models", async () => {
    const { user, key } = await newUser();
    expect(
      (await add(key, { llm_factory: "OpenAI-API-Compatible", api_key: GOOD_KEY, base_url: fake.url })).status,
    ).toBe(200);
    const [row] = await providerRows(user.id);
    const saved = await modelRows(row.id);
    expect(saved.map(({ name, type }) => `${name}:${type}`)).toEqual([
      "gpt-4o-mini:chat",
      "text-embedding-3-small:chat",
      "whisper-1:chat",
      "tts-1:chat",
    ]);
  });

  it("400s OpenAI-API-Compatible that cannot list its models when none are named, and saves named ones", async () => {
    const { user, key } = await newUser();
    const unnamed = await add(key, { llm_factory: "OpenAI-API-Compatible", base_url: closedUrl });
    expect(unnamed).toMatchObject({ status: 400, message: "Name the models to use with OpenAI-API-Compatible" });
    expect(unnamed.data.fields.models).toEqual([`Give the model names: could not reach ${closedUrl} (ECONNREFUSED)`]);
    expect(await providerRows(user.id)).toEqual([]);
    expect(
      (await add(key, { llm_factory: "OpenAI-API-Compatible", base_url: closedUrl, models: ["my-model"] })).status,
    ).toBe(200);
    const [row] = await providerRows(user.id);
    expect(row.status).toBe("unverified");
    expect(await modelRows(row.id)).toEqual([{ name: "my-model", type: "chat", maxTokens: 0, usedTokens: 0 }]);
  });
});

describe("re-adding a factory", () => {
  it("updates the one row: new key, URL and models, token counts kept, dropped models' defaults cleared", async () => {
    const other = await startFakeProviderServer({ acceptKey: OTHER_KEY });
    try {
      const { user, key } = await newUser();
      const first = {
        llm_factory: "OpenAI",
        api_key: GOOD_KEY,
        base_url: fake.url,
        models: ["gpt-4o-mini", "text-embedding-3-small"],
      };
      expect((await add(key, first)).status).toBe(200);
      const [before] = await providerRows(user.id);
      await db.providerModel.updateMany({
        where: { providerId: before.id, name: "gpt-4o-mini", type: "chat" },
        data: { usedTokens: 42 },
      });
      await db.defaultModels.create({
        data: { userId: user.id, llmId: "gpt-4o-mini@OpenAI", embdId: "text-embedding-3-small@OpenAI" },
      });

      const second = { llm_factory: "OpenAI", api_key: OTHER_KEY, base_url: other.url, models: ["gpt-4o-mini"] };
      expect((await add(key, second)).status).toBe(200);
      const rows = await providerRows(user.id);
      expect(rows).toEqual([
        { id: before.id, factory: "OpenAI", baseUrl: other.url, status: "verified", apiKeyMasked: "sk-…ponm" },
      ]);
      expect(await modelRows(before.id)).toEqual([
        { name: "gpt-4o-mini", type: "chat", maxTokens: 128000, usedTokens: 42 },
        { name: "gpt-4o-mini", type: "image2text", maxTokens: 128000, usedTokens: 0 },
      ]);
      const provider = await db.modelProvider.findUniqueOrThrow({
        where: { id: before.id },
        select: { apiKeyEncrypted: true },
      });
      expect(decryptSecret(provider.apiKeyEncrypted ?? "", parseEncryptionKey(TEST_ENCRYPTION_KEY))).toBe(OTHER_KEY);
      const defaults = await db.defaultModels.findUniqueOrThrow({
        where: { userId: user.id },
        select: { llmId: true, embdId: true },
      });
      expect(defaults).toEqual({ llmId: "gpt-4o-mini@OpenAI", embdId: null });
      const audit = await db.auditEvent.findFirstOrThrow({
        where: { actorId: user.id, action: "provider.added" },
        orderBy: { createdAt: "desc" },
        select: { details: true },
      });
      expect(audit.details).toEqual({ factory: "OpenAI", base_url: other.url, cleared_defaults: ["embd_id"] });
    } finally {
      await other.close();
    }
  });
});
