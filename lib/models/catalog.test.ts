import { describe, expect, it } from "vitest";
import { CATALOG, catalogForApi, findCatalogModel, findFactory, resolveFactory } from "./catalog";
import {
  BUILTIN_FACTORY,
  DEFAULT_FIELDS,
  DEFAULT_FIELD_NAMES,
  MODEL_TYPES,
  TYPE_TAGS,
  formatModelId,
  parseModelId,
} from "./model-types";
import { fieldsReadByCheck } from "./provider-check";

const SPEC_FACTORIES = [
  "Builtin",
  "Azure-OpenAI",
  "Bedrock",
  "VolcEngine",
  "Tencent Hunyuan",
  "BaiduYiyan",
  "Google Cloud",
  "OpenRouter",
  "Fish Audio",
  "OpenAI",
  "Anthropic",
  "Gemini",
  "Mistral",
  "Cohere",
  "DeepSeek",
  "Groq",
  "Together",
  "xAI",
  "Moonshot",
  "ZHIPU-AI",
  "Tongyi-Qianwen",
  "SiliconFlow",
  "Jina",
  "Voyage",
  "NVIDIA",
  "Ollama",
  "LocalAI",
  "Xinference",
  "vLLM",
  "LM-Studio",
  "OpenAI-API-Compatible",
];

describe("catalog", () => {
  it("holds at least 40 factories, the ones SPEC §2 names among them, each name once", () => {
    const names = CATALOG.map((factory) => factory.name);
    expect(names.length).toBeGreaterThanOrEqual(40);
    expect(names).toEqual(expect.arrayContaining(SPEC_FACTORIES));
    const spellings = CATALOG.flatMap((factory) => [factory.name, ...factory.aliases]);
    expect(new Set(spellings).size).toBe(spellings.length);
    // Factory names end model ids ("name@Factory"), so they cannot contain '@'.
    for (const name of spellings) expect(name).not.toContain("@");
  });

  it.each(CATALOG.map((factory) => [factory.name, factory] as const))(
    "%s has known, tagged, unique models with sane limits",
    (_, factory) => {
      const keys = factory.models.map((model) => `${model.type}:${model.name}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(factory.tags).size).toBe(factory.tags.length);
      for (const model of factory.models) {
        expect(MODEL_TYPES).toContain(model.type);
        expect(model.name.trim()).toBe(model.name);
        expect(model.name).not.toBe("");
        expect(Number.isInteger(model.maxTokens) && model.maxTokens >= 0).toBe(true);
        if (model.type === "chat" || model.type === "embedding") expect(model.maxTokens).toBeGreaterThan(0);
        // A factory advertises every kind of model it lists.
        expect(factory.tags).toContain(TYPE_TAGS[model.type]);
      }
      expect(factory.models.length).toBeLessThanOrEqual(40);
    },
  );

  it.each(CATALOG.map((factory) => [factory.name, factory] as const))(
    "%s: its check reads exactly its credential fields",
    (_, factory) => {
      const fields = factory.credentialFields.map((field) => field.name);
      expect(new Set(fields).size).toBe(fields.length);
      const read = fieldsReadByCheck(factory.check, factory.defaultBaseUrl);
      // Every field the check needs exists, and every field is used by the check or on model calls.
      for (const name of read.filter((name) => name !== "api_key" || fields.includes("api_key")))
        expect(fields).toContain(name);
      for (const field of factory.credentialFields) {
        if (!field.call_option) expect(read).toContain(field.name);
      }
      // Only non-secret fields are ever put into a URL.
      const inUrl = factory.defaultBaseUrl ? [...factory.defaultBaseUrl.matchAll(/\{(\w+)\}/g)].map((m) => m[1]) : [];
      for (const name of inUrl)
        expect(factory.credentialFields.find((field) => field.name === name)?.secret).toBe(false);
      // Hosted factories need a secret; self-hosted ones may run without one.
      if (!factory.selfHosted && factory.name !== BUILTIN_FACTORY) {
        expect(factory.credentialFields.some((field) => field.secret && field.required)).toBe(true);
      }
      if (factory.selfHosted) expect(factory.credentialFields.every((field) => !field.required)).toBe(true);
    },
  );

  it("gives every hosted factory but Builtin a public https base URL, and lists the self-hosted servers", () => {
    for (const factory of CATALOG) {
      if (factory.name === BUILTIN_FACTORY) continue;
      if (!factory.selfHosted) expect(factory.defaultBaseUrl).toMatch(/^(https:\/\/|\{endpoint\}$)/);
    }
    const selfHosted = CATALOG.filter((factory) => factory.selfHosted).map((factory) => factory.name);
    expect(selfHosted).toEqual(
      expect.arrayContaining(["Ollama", "LocalAI", "Xinference", "vLLM", "LM-Studio", "OpenAI-API-Compatible"]),
    );
    expect(findFactory("OpenAI")?.defaultBaseUrl).toBe("https://api.openai.com/v1");
    expect(findFactory("Bedrock")?.defaultBaseUrl).toBe("https://bedrock.{region}.amazonaws.com");
    expect(findFactory("OpenAI-API-Compatible")?.defaultBaseUrl).toBeNull();
  });

  it.each([
    ["OpenAI", "bearer-models"],
    ["Anthropic", "anthropic-models"],
    ["Gemini", "gemini-models"],
    ["Azure-OpenAI", "azure-openai"],
    ["Bedrock", "bedrock-sigv4"],
    ["BaiduYiyan", "baidu-oauth"],
    ["Google Cloud", "google-service-account"],
    ["Tencent Hunyuan", "tencent-tc3"],
    ["Ollama", "ollama-tags"],
    ["vLLM", "bearer-models"],
    ["OpenRouter", "bearer-get"],
    ["Fish Audio", "bearer-get"],
    ["VolcEngine", "bearer-post"],
    ["Jina", "bearer-post"],
  ])("checks %s with %s", (name, kind) => {
    expect(findFactory(name)?.check.kind).toBe(kind);
  });

  it.each([
    ["Bedrock", ["access_key_id", "secret_access_key", "region"]],
    ["Azure-OpenAI", ["api_key", "endpoint", "api_version"]],
    ["BaiduYiyan", ["api_key", "secret_key"]],
    ["Google Cloud", ["project_id", "region", "service_account_json"]],
    ["VolcEngine", ["api_key", "endpoint_id"]],
    ["Tencent Hunyuan", ["secret_id", "secret_key"]],
    ["OpenRouter", ["api_key", "provider_order"]],
    ["Fish Audio", ["api_key", "reference_id"]],
    ["OpenAI", ["api_key"]],
  ])("asks %s for %j", (name, fields) => {
    expect(findFactory(name)?.credentialFields.map((field) => field.name)).toEqual(fields);
  });

  it("has Builtin chat, embedding and rerank models", () => {
    const builtin = findFactory(BUILTIN_FACTORY);
    expect(new Set(builtin?.models.map((model) => model.type))).toEqual(new Set(["chat", "embedding", "rerank"]));
    expect(findCatalogModel("Builtin", "builtin-chat", "chat")).toBeDefined();
    expect(findCatalogModel("Builtin", "builtin-chat", "embedding")).toBeUndefined();
  });

  it("finds factories by exact name; request input also by RAGFlow's spelling", () => {
    expect(findFactory("OpenAI")?.name).toBe("OpenAI");
    expect(findFactory("openai")).toBeUndefined();
    expect(findFactory(" OpenAI")).toBeUndefined();
    expect(findFactory("VLLM")).toBeUndefined();
    expect(resolveFactory("VLLM")?.name).toBe("vLLM");
    expect(resolveFactory("SILICONFLOW")?.name).toBe("SiliconFlow");
    expect(resolveFactory("Voyage AI")?.name).toBe("Voyage");
    expect(resolveFactory("TogetherAI")?.name).toBe("Together");
  });
});

describe("model ids", () => {
  it.each([
    ["gpt-4o@OpenAI", { name: "gpt-4o", factory: "OpenAI" }],
    ["builtin-chat@Builtin", { name: "builtin-chat", factory: "Builtin" }],
    ["org/model@v2@OpenAI-API-Compatible", { name: "org/model@v2", factory: "OpenAI-API-Compatible" }],
    ["claude-sonnet-4@20250514@Google Cloud", { name: "claude-sonnet-4@20250514", factory: "Google Cloud" }],
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

  it("maps each of the six default fields to its model type", () => {
    expect(DEFAULT_FIELDS).toEqual({
      llm_id: "chat",
      embd_id: "embedding",
      asr_id: "asr",
      img2txt_id: "image2text",
      rerank_id: "rerank",
      tts_id: "tts",
    });
    expect(DEFAULT_FIELD_NAMES).toHaveLength(6);
  });
});

describe("catalogForApi", () => {
  it("has the GET /models/factories shape, credential fields included and nothing secret", () => {
    const api = catalogForApi();
    expect(api).toHaveLength(CATALOG.length);
    const openai = api.find((factory) => factory.name === "OpenAI");
    expect(openai).toMatchObject({ self_hosted: false, tags: "LLM,TEXT EMBEDDING,TTS,SPEECH2TEXT,IMAGE2TEXT" });
    expect(openai?.models).toContainEqual({ name: "whisper-1", type: "asr", max_tokens: 0 });
    const bedrock = api.find((factory) => factory.name === "Bedrock");
    expect(bedrock?.credential_fields).toContainEqual({
      name: "secret_access_key",
      label: "Secret access key",
      secret: true,
      required: true,
      placeholder: null,
      multiline: false,
    });
    for (const factory of api) {
      expect(Object.keys(factory).sort()).toEqual([
        "check_protocol",
        "credential_fields",
        "default_base_url",
        "models",
        "name",
        "self_hosted",
        "tags",
      ]);
    }
  });
});
