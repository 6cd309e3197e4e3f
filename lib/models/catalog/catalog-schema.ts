import { z } from "zod";
import { MODEL_TYPES, TYPE_TAGS } from "../model-types";

// The shape of factories.json. The data is facts about providers (names, tags, models, limits,
// how each checks a key), checked at load so a typo in the file fails loudly, not at a user's call.

export const CHECK_KINDS = [
  "bearer-models",
  "bearer-get",
  "bearer-post",
  "anthropic-models",
  "gemini-models",
  "azure-openai",
  "bedrock-sigv4",
  "baidu-oauth",
  "google-service-account",
  "tencent-tc3",
  "ollama-tags",
  "none",
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** How a non-secret field's value is checked before it goes into a URL, a signature or a body. */
export const FIELD_FORMATS = ["url", "region", "identifier", "list", "service-account"] as const;
export type FieldFormat = (typeof FIELD_FORMATS)[number];

const credentialField = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  secret: z.boolean(),
  required: z.boolean(),
  placeholder: z.string().optional(),
  multiline: z.boolean().optional(),
  format: z.enum(FIELD_FORMATS).optional(),
  /** Sent on model calls (e.g. OpenRouter's provider order), not read by the key check. */
  call_option: z.boolean().optional(),
});

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

const check = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("bearer-get"), path: z.string().startsWith("/") }),
  z.strictObject({
    kind: z.literal("bearer-post"),
    path: z.string().startsWith("/"),
    body: z.record(z.string(), jsonValue),
  }),
  ...CHECK_KINDS.filter((kind) => kind !== "bearer-get" && kind !== "bearer-post").map((kind) =>
    z.strictObject({ kind: z.literal(kind) }),
  ),
]);

const model = z.strictObject({
  name: z.string().min(1),
  type: z.enum(MODEL_TYPES),
  max_tokens: z.number().int().min(0),
});

export const factorySchema = z.strictObject({
  name: z.string().min(1),
  /** Other spellings POST /models accepts for this factory, such as RAGFlow's "VLLM" for vLLM. */
  aliases: z.array(z.string().min(1)).optional(),
  tags: z.array(z.enum(Object.values(TYPE_TAGS) as [string, ...string[]])).min(1),
  self_hosted: z.boolean(),
  /** May name non-secret credential fields, e.g. "https://bedrock.{region}.amazonaws.com". */
  base_url: z.string().nullable(),
  check,
  credential_fields: z.array(credentialField),
  models: z.array(model),
});

export type FactoryData = z.infer<typeof factorySchema>;
export type CredentialField = z.infer<typeof credentialField>;
export type CheckSpec = FactoryData["check"];
