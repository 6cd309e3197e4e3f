import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import type { Scope } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { apiRequest, call, callerFor, createUser } from "@/tests/support/fixtures";
import {
  GOOD_KEY,
  addProvider,
  getDefaultModels,
  listModels,
  listProviders,
  newUser,
  providerRows,
  removeProvider,
  setDefaultModels,
} from "@/tests/support/models";
import { catalogForApi } from "./catalog";
import { getDefaults, setDefaults } from "./defaults";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "./fake-openai-server";
import {
  addProvider as addProviderService,
  listProviders as listProvidersService,
  removeProvider as removeProviderService,
} from "./providers";
import { listFactories, listModels as listModelsService } from "./service";

// The read routes, DELETE's refusals, one user's isolation from another, and scopes.

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer({ acceptKey: GOOD_KEY });
});
afterAll(() => fake.close());

const BUILTIN_TAGS = "LLM,TEXT EMBEDDING,TEXT RE-RANK";
const builtin = [
  { type: "chat", name: "builtin-chat", used_token: 0 },
  { type: "embedding", name: "builtin-embedding", used_token: 0 },
  { type: "rerank", name: "builtin-rerank", used_token: 0 },
];

describe("GET /models", () => {
  it("always lists Builtin, without details unless asked", async () => {
    const { key } = await newUser();
    const response = await listModels(key);
    expect(response).toMatchObject({ status: 200, code: 0, message: "success" });
    expect(response.data).toEqual({ Builtin: { tags: BUILTIN_TAGS, llm: builtin } });
    expect((await listModels(key, "?include_details=false")).data).toEqual(response.data);
  });

  it("adds api_base, max_tokens and status with include_details", async () => {
    const { key } = await newUser();
    await addProvider(key, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: fake.url, models: ["gpt-4o-mini"] });
    const plain = await listModels(key);
    expect(Object.keys(plain.data)).toEqual(["Builtin", "OpenAI"]);
    expect(plain.data.OpenAI.llm).toEqual([
      { type: "chat", name: "gpt-4o-mini", used_token: 0 },
      { type: "image2text", name: "gpt-4o-mini", used_token: 0 },
    ]);
    const detailed = await listModels(key, "?include_details=true");
    const details = { used_token: 0, api_base: fake.url, max_tokens: 128000, status: "active" };
    expect(detailed.data).toEqual({
      Builtin: {
        tags: BUILTIN_TAGS,
        llm: builtin.map((model) => ({ ...model, api_base: null, max_tokens: 8192, status: "active" })),
      },
      OpenAI: {
        tags: "LLM,TEXT EMBEDDING,TTS,SPEECH2TEXT,IMAGE2TEXT",
        llm: [
          { type: "chat", name: "gpt-4o-mini", ...details },
          { type: "image2text", name: "gpt-4o-mini", ...details },
        ],
      },
    });
  });

  it("400s an include_details that is not a boolean", async () => {
    const { key } = await newUser();
    const response = await listModels(key, "?include_details=maybe");
    expect(response.status).toBe(400);
    expect(Object.keys(response.data.fields)).toEqual(["include_details"]);
  });

  it("serves the catalog at /models/factories", async () => {
    const { key } = await newUser();
    const response = await call(apiRequest("GET", "/api/v1/models/factories", { key }));
    expect(response).toMatchObject({ status: 200, data: catalogForApi() });
  });
});

describe("GET /models/providers", () => {
  it("lists the caller's providers with masked keys and effective URLs, never the key", async () => {
    const { key } = await newUser();
    expect((await listProviders(key)).data).toEqual([]);
    await addProvider(key, {
      llm_factory: "OpenAI",
      api_key: GOOD_KEY,
      base_url: fake.url,
      models: ["gpt-4o-mini", "whisper-1"],
    });
    const response = await listProviders(key);
    expect(response.data).toEqual([
      {
        factory: "OpenAI",
        api_key_masked: "sk-…ghij",
        base_url: fake.url,
        status: "verified",
        model_count: 3,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
    ]);
    expect(JSON.stringify(response)).not.toContain(GOOD_KEY);
  });
});

describe("DELETE /models refusals", () => {
  it("404s a factory that is not configured and 400s Builtin or no factory", async () => {
    const { key } = await newUser();
    expect(await removeProvider(key, { llm_factory: "OpenAI" })).toMatchObject({
      status: 404,
      message: "Model provider not found",
      data: null,
    });
    expect(await removeProvider(key, { llm_factory: "NoSuchAI" })).toMatchObject({ status: 404 });
    expect(await removeProvider(key, { llm_factory: "Builtin" })).toMatchObject({
      status: 400,
      data: { fields: { llm_factory: ["Builtin cannot be removed"] } },
    });
    expect((await removeProvider(key, {})).data.fields.llm_factory).toHaveLength(1);
  });
});

describe("one user's providers are invisible to another", () => {
  it("does not list, remove or accept as defaults another user's provider", async () => {
    const owner = await newUser();
    const other = await newUser();
    expect(
      (await addProvider(owner.key, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: fake.url })).status,
    ).toBe(200);

    expect(Object.keys((await listModels(other.key, "?include_details=true")).data)).toEqual(["Builtin"]);
    expect((await listProviders(other.key)).data).toEqual([]);
    expect((await removeProvider(other.key, { llm_factory: "OpenAI" })).status).toBe(404);
    const refused = await setDefaultModels(other.key, { llm_id: "gpt-4o-mini@OpenAI" });
    expect(refused.status).toBe(400);
    expect(refused.data.fields.llm_id[0]).toMatch(/^not configured: /);
    expect((await getDefaultModels(other.key)).data.llm_id).toBeNull();

    // The owner's provider is still there, and the other user can add the same factory separately.
    expect(await providerRows(owner.user.id)).toHaveLength(1);
    expect(
      (await addProvider(other.key, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: fake.url })).status,
    ).toBe(200);
    expect(
      await db.modelProvider.count({ where: { factory: "OpenAI", userId: { in: [owner.user.id, other.user.id] } } }),
    ).toBe(2);
  });
});

describe("scopes", () => {
  it("403s writes for a key without models:write, and still reads", async () => {
    const { user, key } = await newUser(["models:read"]);
    const needsWrite = { status: 403, message: "This needs the models:write scope" };
    expect(await addProvider(key, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: fake.url })).toMatchObject(
      needsWrite,
    );
    expect(await removeProvider(key, { llm_factory: "OpenAI" })).toMatchObject(needsWrite);
    expect(await setDefaultModels(key, { llm_id: "builtin-chat@Builtin" })).toMatchObject(needsWrite);
    expect(await providerRows(user.id)).toEqual([]);
    expect((await listModels(key)).status).toBe(200);
    expect((await getDefaultModels(key)).status).toBe(200);
  });

  it("403s reads for a key without models:read", async () => {
    const { key } = await newUser(["keys:read"]);
    const needsRead = { status: 403, message: "This needs the models:read scope" };
    expect(await listModels(key)).toMatchObject(needsRead);
    expect(await listProviders(key)).toMatchObject(needsRead);
    expect(await getDefaultModels(key)).toMatchObject(needsRead);
    expect(await call(apiRequest("GET", "/api/v1/models/factories", { key }))).toMatchObject(needsRead);
  });

  it("checks the scope in the service too, for callers that are not routes", async () => {
    const user = await createUser();
    const caller = (scopes: Scope[]) => ({ ...callerFor(user), scopes });
    const reader = caller(["models:read"]);
    const nobody = caller([]);
    const forbidden = (promise: Promise<unknown>) =>
      expect(promise).rejects.toSatisfy((error) => error instanceof ApiError && error.status === 403);
    await forbidden(addProviderService(reader, { llm_factory: "OpenAI", api_key: GOOD_KEY, base_url: fake.url }));
    await forbidden(removeProviderService(reader, { llm_factory: "OpenAI" }));
    await forbidden(setDefaults(reader, { llm_id: "builtin-chat@Builtin" }));
    await forbidden(listModelsService(nobody, { include_details: false }));
    await forbidden(listProvidersService(nobody));
    await forbidden(getDefaults(nobody));
    expect(() => listFactories(nobody)).toThrow(ApiError);
    expect(await listModelsService(reader, { include_details: false })).toHaveProperty("Builtin");
  });
});
