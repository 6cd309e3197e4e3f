// The checked-in catalog of model factories. Pure data and helpers: no database, no I/O,
// so pages, services, the OpenAPI document and the CLI can all import it.

export const MODEL_TYPES = ["chat", "embedding", "rerank", "asr", "image2text", "tts"] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

/** Default-model fields of SPEC §4 and the model type each one must point at. */
export const DEFAULT_FIELDS = {
  llm_id: "chat",
  embd_id: "embedding",
  asr_id: "asr",
  img2txt_id: "image2text",
  rerank_id: "rerank",
  tts_id: "tts",
} as const satisfies Record<string, ModelType>;
export type DefaultField = keyof typeof DEFAULT_FIELDS;
export const DEFAULT_FIELD_NAMES = Object.keys(DEFAULT_FIELDS) as DefaultField[];

/** The tag a factory shows for each model type (RAGFlow's vocabulary, which clients already parse). */
export const TYPE_TAGS: Record<ModelType, string> = {
  chat: "LLM",
  embedding: "TEXT EMBEDDING",
  rerank: "TEXT RE-RANK",
  asr: "SPEECH2TEXT",
  image2text: "IMAGE2TEXT",
  tts: "TTS",
};

export const BUILTIN_FACTORY = "Builtin";

export interface CatalogModel {
  readonly name: string;
  readonly type: ModelType;
  /** Context window for chat/vision/embedding/rerank; input limit for TTS; 0 where tokens do not apply. */
  readonly maxTokens: number;
}

/**
 * How the provider expects its key on the list-models call. Anthropic's /v1/models does not
 * take a bearer token, so checking an Anthropic key needs its own headers.
 */
export type AuthScheme = "bearer" | "anthropic";

export interface Factory {
  readonly name: string;
  readonly tags: readonly string[];
  /** Self-hosted factories need a base_url and are not refused for a missing key. */
  readonly selfHosted: boolean;
  /** Where a hosted factory is checked when no base_url is given; null when there is no sensible default. */
  readonly defaultBaseUrl: string | null;
  readonly authScheme: AuthScheme;
  readonly models: readonly CatalogModel[];
}

const m = (name: string, type: ModelType, maxTokens: number): CatalogModel => ({ name, type, maxTokens });
const tags = (...types: ModelType[]): string[] => types.map((type) => TYPE_TAGS[type]);

export const CATALOG: readonly Factory[] = [
  {
    name: "OpenAI",
    tags: tags("chat", "embedding", "tts", "asr", "image2text"),
    selfHosted: false,
    defaultBaseUrl: "https://api.openai.com/v1",
    authScheme: "bearer",
    models: [
      m("gpt-5", "chat", 400000),
      m("gpt-5-mini", "chat", 400000),
      m("gpt-4.1", "chat", 1047576),
      m("gpt-4.1-mini", "chat", 1047576),
      m("gpt-4o", "chat", 128000),
      m("gpt-4o-mini", "chat", 128000),
      m("o3", "chat", 200000),
      m("o4-mini", "chat", 200000),
      m("gpt-4.1", "image2text", 1047576),
      m("gpt-4o", "image2text", 128000),
      m("gpt-4o-mini", "image2text", 128000),
      m("text-embedding-3-small", "embedding", 8191),
      m("text-embedding-3-large", "embedding", 8191),
      m("text-embedding-ada-002", "embedding", 8191),
      m("whisper-1", "asr", 0),
      m("gpt-4o-transcribe", "asr", 16000),
      m("gpt-4o-mini-transcribe", "asr", 16000),
      m("tts-1", "tts", 4096),
      m("tts-1-hd", "tts", 4096),
      m("gpt-4o-mini-tts", "tts", 2000),
    ],
  },
  {
    name: "Anthropic",
    tags: tags("chat", "image2text"),
    selfHosted: false,
    defaultBaseUrl: "https://api.anthropic.com/v1",
    authScheme: "anthropic",
    models: [
      m("claude-opus-4-1", "chat", 200000),
      m("claude-sonnet-4-5", "chat", 200000),
      m("claude-sonnet-4-0", "chat", 200000),
      m("claude-haiku-4-5", "chat", 200000),
      m("claude-sonnet-4-5", "image2text", 200000),
      m("claude-haiku-4-5", "image2text", 200000),
    ],
  },
  {
    name: "Gemini",
    tags: tags("chat", "embedding", "image2text"),
    selfHosted: false,
    defaultBaseUrl: "https://generativelanguage.googleapis.com/v1beta/openai",
    authScheme: "bearer",
    models: [
      m("gemini-2.5-pro", "chat", 1048576),
      m("gemini-2.5-flash", "chat", 1048576),
      m("gemini-2.5-flash-lite", "chat", 1048576),
      m("gemini-2.0-flash", "chat", 1048576),
      m("gemini-2.5-pro", "image2text", 1048576),
      m("gemini-2.5-flash", "image2text", 1048576),
      m("gemini-embedding-001", "embedding", 2048),
    ],
  },
  {
    name: "Mistral",
    tags: tags("chat", "embedding", "asr", "image2text"),
    selfHosted: false,
    defaultBaseUrl: "https://api.mistral.ai/v1",
    authScheme: "bearer",
    models: [
      m("mistral-large-latest", "chat", 131072),
      m("mistral-medium-latest", "chat", 131072),
      m("mistral-small-latest", "chat", 131072),
      m("codestral-latest", "chat", 256000),
      m("pixtral-large-latest", "image2text", 131072),
      m("mistral-medium-latest", "image2text", 131072),
      m("mistral-embed", "embedding", 8192),
      m("voxtral-mini-latest", "asr", 32000),
    ],
  },
  {
    name: "Ollama",
    tags: tags("chat", "embedding", "image2text"),
    selfHosted: true,
    defaultBaseUrl: "http://localhost:11434/v1",
    authScheme: "bearer",
    models: [
      m("llama3.2", "chat", 131072),
      m("llama3.1", "chat", 131072),
      m("qwen3", "chat", 40960),
      m("gemma3", "chat", 131072),
      m("mistral", "chat", 32768),
      m("llama3.2-vision", "image2text", 131072),
      m("gemma3", "image2text", 131072),
      m("llava", "image2text", 4096),
      m("nomic-embed-text", "embedding", 8192),
      m("mxbai-embed-large", "embedding", 512),
      m("bge-m3", "embedding", 8192),
    ],
  },
  {
    // Names are the aliases LocalAI's all-in-one images serve.
    name: "LocalAI",
    tags: tags("chat", "embedding", "rerank", "asr", "image2text", "tts"),
    selfHosted: true,
    defaultBaseUrl: "http://localhost:8080/v1",
    authScheme: "bearer",
    models: [
      m("gpt-4", "chat", 8192),
      m("gpt-4o", "image2text", 8192),
      m("text-embedding-ada-002", "embedding", 8192),
      m("jina-reranker-v1-base-en", "rerank", 8192),
      m("whisper-1", "asr", 0),
      m("tts-1", "tts", 4096),
    ],
  },
  {
    name: "Xinference",
    tags: tags("chat", "embedding", "rerank", "asr", "image2text", "tts"),
    selfHosted: true,
    defaultBaseUrl: "http://localhost:9997/v1",
    authScheme: "bearer",
    models: [
      m("qwen2.5-instruct", "chat", 32768),
      m("qwen3", "chat", 40960),
      m("llama-3.1-instruct", "chat", 131072),
      m("qwen2.5-vl-instruct", "image2text", 128000),
      m("bge-m3", "embedding", 8192),
      m("bge-large-zh-v1.5", "embedding", 512),
      m("bge-reranker-v2-m3", "rerank", 8192),
      m("whisper-large-v3", "asr", 0),
      m("CosyVoice2-0.5B", "tts", 4096),
    ],
  },
  {
    // Any server that speaks the OpenAI API: it has no known models, so the service takes
    // the names from the request or from the server's own list.
    name: "OpenAI-API-Compatible",
    tags: tags("chat", "embedding", "rerank", "asr", "image2text", "tts"),
    selfHosted: true,
    defaultBaseUrl: null,
    authScheme: "bearer",
    models: [],
  },
  {
    // Always available to every user; never added, removed or checked.
    name: BUILTIN_FACTORY,
    tags: tags("chat", "embedding", "rerank"),
    selfHosted: false,
    defaultBaseUrl: null,
    authScheme: "bearer",
    models: [
      m("builtin-chat", "chat", 8192),
      m("builtin-embedding", "embedding", 8192),
      m("builtin-rerank", "rerank", 8192),
    ],
  },
];

/** Exact, case-sensitive match: factory names are identifiers stored in model ids. */
export function findFactory(name: string): Factory | undefined {
  return CATALOG.find((factory) => factory.name === name);
}

export function isModelType(value: string): value is ModelType {
  return (MODEL_TYPES as readonly string[]).includes(value);
}

/** The catalog entry for a model of a given type, if the factory lists it. */
export function findCatalogModel(factory: string, name: string, type: ModelType): CatalogModel | undefined {
  return findFactory(factory)?.models.find((model) => model.name === name && model.type === type);
}

export function formatModelId(name: string, factory: string): string {
  return `${name}@${factory}`;
}

/**
 * Splits "name@Factory" at the last '@', since model names may contain '@'
 * (e.g. "org/model@v2@OpenAI-API-Compatible") but factory names never do.
 */
export function parseModelId(id: string): { name: string; factory: string } | null {
  const at = id.lastIndexOf("@");
  if (at <= 0 || at === id.length - 1) return null;
  const name = id.slice(0, at);
  const factory = id.slice(at + 1);
  if (name.trim() !== name || factory.trim() !== factory) return null;
  return { name, factory };
}

/** Tags as the API spells them: one comma-separated string. */
export function tagString(factory: Factory): string {
  return factory.tags.join(",");
}

export interface ApiFactory {
  name: string;
  tags: string;
  self_hosted: boolean;
  models: { name: string; type: ModelType; max_tokens: number }[];
}

/** The body of GET /api/v1/models/factories. */
export function catalogForApi(): ApiFactory[] {
  return CATALOG.map((factory) => ({
    name: factory.name,
    tags: tagString(factory),
    self_hosted: factory.selfHosted,
    models: factory.models.map((model) => ({ name: model.name, type: model.type, max_tokens: model.maxTokens })),
  }));
}
