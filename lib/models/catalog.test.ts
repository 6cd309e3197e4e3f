import { describe, expect, it } from "vitest";
import {
  BUILTIN_FACTORY,
  CATALOG,
  DEFAULT_FIELDS,
  DEFAULT_FIELD_NAMES,
  MODEL_TYPES,
  TYPE_TAGS,
  catalogForApi,
  findCatalogModel,
  findFactory,
  formatModelId,
  parseModelId,
} from "./catalog";

describe("catalog", () => {
  it("lists the factories of SPEC §2, each once", () => {
    const names = CATALOG.map((factory) => factory.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "OpenAI",
        "Anthropic",
        "Gemini",
        "Mistral",
        "Ollama",
        "LocalAI",
        "Xinference",
        "OpenAI-API-Compatible",
        "Builtin",
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
    // Factory names end model ids ("name@Factory"), so they cannot contain '@'.
    for (const name of names) expect(name).not.toContain("@");
  });

  it.each(CATALOG.map((factory) => [factory.name, factory] as const))(
    "%s has unique models per type with sane limits",
    (_, factory) => {
      const keys = factory.models.map((model) => `${model.type}:${model.name}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const model of factory.models) {
        expect(MODEL_TYPES).toContain(model.type);
        expect(model.name.trim()).toBe(model.name);
        expect(model.name).not.toBe("");
        expect(Number.isInteger(model.maxTokens) && model.maxTokens >= 0).toBe(true);
        if (model.type === "chat" || model.type === "embedding") expect(model.maxTokens).toBeGreaterThan(0);
        // A factory advertises every kind of model it lists.
        expect(factory.tags).toContain(TYPE_TAGS[model.type]);
      }
    },
  );

  it("gives every hosted factory but Builtin a public base URL, and self-hosted ones need base_url", () => {
    for (const factory of CATALOG) {
      if (factory.name === BUILTIN_FACTORY) continue;
      if (!factory.selfHosted) expect(factory.defaultBaseUrl).toMatch(/^https:\/\//);
    }
    const selfHosted = CATALOG.filter((factory) => factory.selfHosted).map((factory) => factory.name);
    expect(selfHosted.sort()).toEqual(["LocalAI", "Ollama", "OpenAI-API-Compatible", "Xinference"]);
    expect(findFactory("OpenAI")?.defaultBaseUrl).toBe("https://api.openai.com/v1");
    expect(findFactory("Ollama")?.defaultBaseUrl).toBe("http://localhost:11434/v1");
    expect(findFactory("OpenAI-API-Compatible")?.defaultBaseUrl).toBeNull();
    expect(findFactory("Anthropic")?.authScheme).toBe("anthropic");
  });

  it("has Builtin chat, embedding and rerank models", () => {
    const builtin = findFactory(BUILTIN_FACTORY);
    expect(builtin).toBeDefined();
    const types = new Set(builtin?.models.map((model) => model.type));
    expect(types).toEqual(new Set(["chat", "embedding", "rerank"]));
    expect(findCatalogModel("Builtin", "builtin-chat", "chat")).toBeDefined();
    expect(findCatalogModel("Builtin", "builtin-embedding", "embedding")).toBeDefined();
    expect(findCatalogModel("Builtin", "builtin-chat", "embedding")).toBeUndefined();
  });

  it("gives OpenAI every kind of model but rerank", () => {
    const openai = findFactory("OpenAI");
    expect(new Set(openai?.models.map((model) => model.type))).toEqual(
      new Set(["chat", "embedding", "asr", "tts", "image2text"]),
    );
    expect(findCatalogModel("OpenAI", "whisper-1", "asr")?.name).toBe("whisper-1");
    expect(findCatalogModel("OpenAI", "tts-1", "tts")?.name).toBe("tts-1");
  });

  it("finds factories by exact name only", () => {
    expect(findFactory("OpenAI")?.name).toBe("OpenAI");
    expect(findFactory("openai")).toBeUndefined();
    expect(findFactory(" OpenAI")).toBeUndefined();
    expect(findFactory("")).toBeUndefined();
  });
});

describe("model ids", () => {
  it.each([
    ["gpt-4o@OpenAI", { name: "gpt-4o", factory: "OpenAI" }],
    ["builtin-chat@Builtin", { name: "builtin-chat", factory: "Builtin" }],
    ["org/model@v2@OpenAI-API-Compatible", { name: "org/model@v2", factory: "OpenAI-API-Compatible" }],
    ["llama3.2:3b@Ollama", { name: "llama3.2:3b", factory: "Ollama" }],
  ])("parses %s", (id, expected) => {
    expect(parseModelId(id)).toEqual(expected);
  });

  it.each(["", "gpt-4o", "@OpenAI", "gpt-4o@", "@", "gpt-4o@ OpenAI", " gpt-4o@OpenAI"])("rejects %j", (id) => {
    expect(parseModelId(id)).toBeNull();
  });

  it("formats what it parses", () => {
    expect(formatModelId("gpt-4o", "OpenAI")).toBe("gpt-4o@OpenAI");
    expect(parseModelId(formatModelId("a@b", "Ollama"))).toEqual({ name: "a@b", factory: "Ollama" });
  });
});

describe("default fields", () => {
  it("maps each of the six fields to its model type", () => {
    expect(DEFAULT_FIELDS).toEqual({
      llm_id: "chat",
      embd_id: "embedding",
      asr_id: "asr",
      img2txt_id: "image2text",
      rerank_id: "rerank",
      tts_id: "tts",
    });
    expect(DEFAULT_FIELD_NAMES).toHaveLength(6);
    expect(new Set(Object.values(DEFAULT_FIELDS))).toEqual(new Set(MODEL_TYPES));
  });
});

describe("catalogForApi", () => {
  it("has the GET /models/factories shape", () => {
    const api = catalogForApi();
    expect(api).toHaveLength(CATALOG.length);
    const openai = api.find((factory) => factory.name === "OpenAI");
    expect(openai).toMatchObject({ self_hosted: false, tags: "LLM,TEXT EMBEDDING,TTS,SPEECH2TEXT,IMAGE2TEXT" });
    expect(openai?.models).toContainEqual({ name: "whisper-1", type: "asr", max_tokens: 0 });
    for (const factory of api) {
      expect(Object.keys(factory).sort()).toEqual(["models", "name", "self_hosted", "tags"]);
      expect(typeof factory.tags).toBe("string");
    }
  });
});
