// Model types, default-model fields and model ids: the vocabulary the catalog, the services and
// the /models page's client components share. No catalog data here, so client bundles stay small.

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

export function isModelType(value: string): value is ModelType {
  return (MODEL_TYPES as readonly string[]).includes(value);
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
