// The statements of the admin CLI (SPEC §6), as the parser produces them.

export type Role = "ADMIN" | "USER";
export type ModelType = "LLM" | "VLM" | "EMBEDDING" | "RERANKER" | "ASR" | "TTS";
export type DefaultField = "llm_id" | "img2txt_id" | "embd_id" | "rerank_id" | "asr_id" | "tts_id";

/** SPEC §6 names the model types the RAGFlow way; the REST API names the DefaultModels fields. */
export const DEFAULT_FIELDS: Record<ModelType, DefaultField> = {
  LLM: "llm_id",
  VLM: "img2txt_id",
  EMBEDDING: "embd_id",
  RERANKER: "rerank_id",
  ASR: "asr_id",
  TTS: "tts_id",
};
export const MODEL_TYPES: ModelType[] = ["LLM", "VLM", "EMBEDDING", "RERANKER", "ASR", "TTS"];

export type Statement =
  | { kind: "list_users" }
  | { kind: "show_user"; email: string }
  | { kind: "create_user"; email: string; password: string; role: Role }
  | { kind: "drop_user"; email: string }
  | { kind: "alter_user_role"; email: string; role: Role }
  | { kind: "alter_user_password"; email: string; password: string }
  | { kind: "show_current_user" }
  | { kind: "show_user_permission"; email: string }
  | { kind: "show_key"; key: string; email: string }
  | { kind: "set_user_disabled"; email: string; disabled: boolean }
  | { kind: "generate_key"; email: string }
  | { kind: "list_keys"; email: string }
  | { kind: "revoke_key"; key: string; email: string }
  | { kind: "drop_key"; key: string; email: string }
  | { kind: "create_provider"; factory: string; apiKey: string; baseUrl?: string }
  | { kind: "drop_provider"; factory: string }
  | { kind: "list_providers" }
  | { kind: "list_models"; factory?: string }
  | { kind: "set_default"; modelType: ModelType; field: DefaultField; modelId: string }
  | { kind: "reset_default"; modelType: ModelType; field: DefaultField }
  | { kind: "list_defaults" }
  | { kind: "help" }
  | { kind: "quit" };
