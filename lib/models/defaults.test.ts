import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  GOOD_KEY,
  addProvider,
  getDefaultModels,
  modelRows,
  newUser,
  providerRows,
  removeProvider,
  setDefaultModels,
  allowPrivateProviderNetworks,
} from "@/tests/support/models";
import { startFakeProviderServer, type FakeProviderServer } from "./fake-provider-server";

allowPrivateProviderNetworks();

// POST/GET /models/default, for Builtin and for a hosted provider configured against a real
// local fake of OpenAI's list-models endpoint.

const NONE = { llm_id: null, embd_id: null, asr_id: null, img2txt_id: null, rerank_id: null, tts_id: null };
let fake: FakeProviderServer;
let owner: Awaited<ReturnType<typeof newUser>>;

const row = () =>
  db.defaultModels.findUnique({
    where: { userId: owner.user.id },
    select: { llmId: true, embdId: true, asrId: true, img2txtId: true, rerankId: true, ttsId: true },
  });
const set = (body: unknown) => setDefaultModels(owner.key, body);
const auditCount = () => db.auditEvent.count({ where: { actorId: owner.user.id, action: "defaults.updated" } });

beforeAll(async () => {
  fake = await startFakeProviderServer({ acceptKey: GOOD_KEY });
  owner = await newUser();
  // A subset of OpenAI's catalog, so other catalog models (gpt-5) exist but are not configured.
  const body = {
    llm_factory: "OpenAI",
    api_key: GOOD_KEY,
    base_url: fake.url,
    models: ["gpt-4o-mini", "text-embedding-3-small", "whisper-1"],
  };
  expect((await addProvider(owner.key, body)).status).toBe(200);
});
afterAll(() => fake.close());
beforeEach(async () => {
  await db.defaultModels.deleteMany({ where: { userId: owner.user.id } });
});

type Source = {
  chat: string;
  embedding: string;
  third: [field: "rerank_id" | "asr_id", id: string];
  notConfigured: string;
  missing: string;
  wrongType: string;
};
const sources: [string, Source][] = [
  [
    "Builtin",
    {
      chat: "builtin-chat@Builtin",
      embedding: "builtin-embedding@Builtin",
      third: ["rerank_id", "builtin-rerank@Builtin"],
      // Builtin models are always configured: "not configured" here is a catalog model of a factory the user never added.
      notConfigured: "claude-sonnet-4-5@Anthropic",
      missing: "builtin-nope@Builtin",
      wrongType: "builtin-embedding@Builtin",
    },
  ],
  [
    "a configured hosted provider",
    {
      chat: "gpt-4o-mini@OpenAI",
      embedding: "text-embedding-3-small@OpenAI",
      third: ["asr_id", "whisper-1@OpenAI"],
      notConfigured: "gpt-5@OpenAI",
      missing: "gpt-nope@OpenAI",
      wrongType: "whisper-1@OpenAI",
    },
  ],
];

describe.each(sources)("defaults from %s", (_, models) => {
  it("sets a configured model, reads it back and audits the change", async () => {
    const before = await auditCount();
    const response = await set({ llm_id: models.chat });
    expect(response).toMatchObject({ status: 200, code: 0, data: { ...NONE, llm_id: models.chat } });
    expect(await row()).toMatchObject({ llmId: models.chat, embdId: null });
    expect((await getDefaultModels(owner.key)).data).toEqual({ ...NONE, llm_id: models.chat });
    const events = await db.auditEvent.findMany({
      where: { actorId: owner.user.id, action: "defaults.updated" },
      orderBy: { createdAt: "asc" },
      select: { details: true },
    });
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)?.details).toEqual({ changed: { llm_id: models.chat } });
  });

  it.each([
    ["a catalog model that is not configured", "notConfigured", /^not configured: /],
    ["a model that does not exist", "missing", /^unknown model: /],
    ["a model of the wrong type", "wrongType", /^wrong type: expected chat, but /],
  ] as const)("refuses %s and changes nothing", async (__, which, reason) => {
    const response = await set({ llm_id: models[which] });
    expect(response).toMatchObject({ status: 400, code: 400, message: "Invalid default models: nothing was changed" });
    expect(Object.keys(response.data.fields)).toEqual(["llm_id"]);
    expect(response.data.fields.llm_id).toEqual([expect.stringMatching(reason)]);
    expect(await row()).toBeNull();
  });

  it("sets several valid models at once", async () => {
    const [field, id] = models.third;
    const response = await set({ llm_id: models.chat, embd_id: models.embedding, [field]: id });
    expect(response.data).toEqual({ ...NONE, llm_id: models.chat, embd_id: models.embedding, [field]: id });
    expect((await getDefaultModels(owner.key)).data).toEqual(response.data);
  });

  it("changes nothing when valid and invalid fields are mixed, and names only the bad ones", async () => {
    await set({ llm_id: models.chat });
    const auditsBefore = await auditCount();
    const response = await set({
      llm_id: null,
      embd_id: models.embedding,
      rerank_id: models.missing,
      tts_id: models.notConfigured,
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.data.fields).sort()).toEqual(["rerank_id", "tts_id"]);
    expect(await row()).toEqual({
      llmId: models.chat,
      embdId: null,
      asrId: null,
      img2txtId: null,
      rerankId: null,
      ttsId: null,
    });
    expect(await auditCount()).toBe(auditsBefore);
  });

  it("names every field when all are invalid", async () => {
    const response = await set({
      llm_id: models.notConfigured,
      embd_id: models.chat,
      asr_id: models.missing,
      img2txt_id: "no-factory-here",
      rerank_id: "x@NoSuchFactory",
      tts_id: models.wrongType,
    });
    expect(response.status).toBe(400);
    const fields: Record<string, string[]> = response.data.fields;
    expect(Object.keys(fields).sort()).toEqual(["asr_id", "embd_id", "img2txt_id", "llm_id", "rerank_id", "tts_id"]);
    expect(fields.llm_id).toEqual([expect.stringMatching(/^not configured: /)]);
    expect(fields.embd_id).toEqual([expect.stringMatching(/^wrong type: expected embedding, but /)]);
    expect(fields.asr_id).toEqual([expect.stringMatching(/^unknown model: /)]);
    expect(fields.img2txt_id).toEqual(["malformed: expected name@Factory, such as gpt-4o@OpenAI"]);
    expect(fields.rerank_id).toEqual(["unknown model: there is no model factory named NoSuchFactory"]);
    expect(fields.tts_id).toEqual([expect.stringMatching(/^wrong type: expected tts, but /)]);
    expect(await row()).toBeNull();
  });

  it("clears one, several and all defaults with null or an empty string", async () => {
    const [field, id] = models.third;
    await set({ llm_id: models.chat, embd_id: models.embedding, [field]: id });
    expect((await set({ llm_id: null })).data).toEqual({ ...NONE, embd_id: models.embedding, [field]: id });
    await set({ llm_id: models.chat });
    expect((await set({ llm_id: "", embd_id: null })).data).toEqual({ ...NONE, [field]: id });
    await set({ llm_id: models.chat, embd_id: models.embedding });
    expect((await set(NONE)).data).toEqual(NONE);
    expect(await row()).toEqual({
      llmId: null,
      embdId: null,
      asrId: null,
      img2txtId: null,
      rerankId: null,
      ttsId: null,
    });
  });
});

describe("POST /models/default input", () => {
  it("400s a body with no field, or an unknown one, and changes nothing", async () => {
    expect(await set({})).toMatchObject({
      status: 400,
      message: "Give at least one default model",
      data: { fields: { _: [expect.any(String)] } },
    });
    expect(await set({ llm: "builtin-chat@Builtin" })).toMatchObject({
      status: 400,
      data: { fields: { llm: ["Unknown field"] } },
    });
    expect(await row()).toBeNull();
  });

  it("takes a chat model's image2text entry for img2txt_id, and refuses a chat-only model there", async () => {
    expect((await set({ img2txt_id: "gpt-4o-mini@OpenAI" })).data).toEqual({
      ...NONE,
      img2txt_id: "gpt-4o-mini@OpenAI",
    });
    const refused = await set({ img2txt_id: "builtin-chat@Builtin" });
    expect(refused.data.fields).toEqual({
      img2txt_id: ["wrong type: expected image2text, but builtin-chat@Builtin is chat"],
    });
    expect(await row()).toMatchObject({ img2txtId: "gpt-4o-mini@OpenAI" });
  });

  it("does not audit a request that changes nothing", async () => {
    await set({ llm_id: "builtin-chat@Builtin" });
    const before = await auditCount();
    expect((await set({ llm_id: "builtin-chat@Builtin", tts_id: null })).status).toBe(200);
    expect(await auditCount()).toBe(before);
  });

  it("returns six nulls for a user who never set any", async () => {
    const { key } = await newUser();
    expect(await getDefaultModels(key)).toMatchObject({ status: 200, data: NONE });
  });
});

describe("removing a provider", () => {
  it("clears the defaults that pointed at its models and keeps the rest", async () => {
    const { user, key } = await newUser();
    await addProvider(key, {
      llm_factory: "OpenAI",
      api_key: GOOD_KEY,
      base_url: fake.url,
      models: ["gpt-4o-mini", "text-embedding-3-small"],
    });
    await addProvider(key, { llm_factory: "LocalAI", api_key: GOOD_KEY, base_url: fake.url });
    const body = {
      llm_id: "gpt-4o-mini@OpenAI",
      embd_id: "text-embedding-3-small@OpenAI",
      rerank_id: "builtin-rerank@Builtin",
      tts_id: "tts-1@LocalAI",
    };
    expect((await setDefaultModels(key, body)).status).toBe(200);
    const [localAi, openAi] = await providerRows(user.id);

    expect(await removeProvider(key, { llm_factory: "OpenAI" })).toMatchObject({ status: 200, code: 0, data: true });
    expect((await getDefaultModels(key)).data).toEqual({
      ...NONE,
      rerank_id: "builtin-rerank@Builtin",
      tts_id: "tts-1@LocalAI",
    });
    expect(await providerRows(user.id)).toEqual([localAi]);
    expect(await modelRows(openAi.id)).toEqual([]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { actorId: user.id, action: "provider.removed" },
      select: { targetId: true, details: true },
    });
    expect(audit).toEqual({
      targetId: openAi.id,
      details: { factory: "OpenAI", cleared_defaults: ["llm_id", "embd_id"] },
    });
    expect((await removeProvider(key, { llm_factory: "OpenAI" })).status).toBe(404);
    const again = await setDefaultModels(key, { llm_id: "gpt-4o-mini@OpenAI" });
    expect(again.data.fields.llm_id[0]).toMatch(/^not configured: /);
  });
});
