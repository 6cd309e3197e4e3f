import { z } from "zod";
import { MODEL_TYPES, type DefaultField } from "./model-types";

// Request schemas of the Models routes (SPEC §4), shared by the route handlers, the /models
// page's forms and the OpenAPI document. Rules that need the catalog or the database (unknown
// factory, Builtin, key required for hosted factories, "at least one default") live in the
// service, which can name the field and the reason.

const factoryName = z.string().trim().min(1, "Choose a model factory").max(100);

// Forms send "" for an empty input; treat it as "not given" so the service sees one shape.
const blankToUndefined = (value: string | undefined) => (value === "" ? undefined : value);

// The transform sits inside .optional() so the parsed type keeps the key optional for service callers.
const baseUrl = z
  .string()
  .trim()
  .refine((value) => value === "" || isPlainHttpUrl(value), "Must be an http:// or https:// URL without a query string")
  .transform(blankToUndefined)
  .optional();

/** An http(s) URL with a host and nothing that could carry a secret: no user:password, query or fragment. */
export function isPlainHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    // Credentials in the URL would be stored in clear and echoed in messages; the key fields are for
    // secrets, so neither user:password nor a query string (?key=…) is accepted.
    return (
      (url.protocol === "http:" || url.protocol === "https:") &&
      url.hostname !== "" &&
      !url.username &&
      !url.password &&
      !url.search &&
      !url.hash
    );
  } catch {
    return false;
  }
}

const modelName = z.string().trim().min(1, "Model names cannot be empty").max(200);

/** One model the catalog may not list: its name, what kind it is, and its token limit (0 = unknown). */
export const modelSpecSchema = z.strictObject({
  name: modelName,
  type: z.enum(MODEL_TYPES, { error: `Type must be one of ${MODEL_TYPES.join(", ")}` }),
  max_tokens: z.number().int().min(0).max(100_000_000).default(0),
});

/** A string for one-key factories, or an object of the factory's credential fields (checked by the service). */
const apiKey = z
  .union([
    z.string().trim().max(16_384).transform(blankToUndefined),
    z.record(z.string().max(100), z.string().max(16_384)),
  ])
  .optional();

export const addProviderSchema = z.object({
  llm_factory: factoryName,
  api_key: apiKey,
  base_url: baseUrl,
  models: z
    .array(z.union([modelName, modelSpecSchema]))
    .max(500)
    .optional(),
});

/** DELETE /models/{factory}/models/{name}?type=…: without a type, every type of the name goes. */
export const removeModelQuerySchema = z.strictObject({
  type: z.enum(MODEL_TYPES, { error: `Type must be one of ${MODEL_TYPES.join(", ")}` }).optional(),
});

export const discoverModelsSchema = addProviderSchema.omit({ models: true });

export const removeProviderSchema = z.object({
  llm_factory: factoryName,
});

export const listModelsQuerySchema = z.object({
  include_details: z.stringbool({ truthy: ["true", "1"], falsy: ["false", "0"] }).default(false),
});

// "" and null both clear a default (SPEC §4); the output says so with null alone.
const defaultModelId = z
  .string()
  .trim()
  .max(300)
  .nullable()
  .transform((value) => (value === "" ? null : value))
  .optional();

/** Unknown fields are a 400, so a typo such as `llm` instead of `llm_id` is not silently ignored. */
export const setDefaultsSchema = z.strictObject({
  llm_id: defaultModelId,
  embd_id: defaultModelId,
  asr_id: defaultModelId,
  img2txt_id: defaultModelId,
  rerank_id: defaultModelId,
  tts_id: defaultModelId,
} satisfies Record<DefaultField, typeof defaultModelId>);

export type AddProviderInput = z.infer<typeof addProviderSchema>;
export type DiscoverModelsInput = z.infer<typeof discoverModelsSchema>;
export type ModelSpec = z.infer<typeof modelSpecSchema>;
export type RemoveProviderInput = z.infer<typeof removeProviderSchema>;
export type ListModelsQuery = z.infer<typeof listModelsQuerySchema>;
export type SetDefaultsInput = z.infer<typeof setDefaultsSchema>;
// What a form holds before parsing ("" for empty inputs), for react-hook-form's generics.
export type AddProviderFormValues = z.input<typeof addProviderSchema>;
export type SetDefaultsFormValues = z.input<typeof setDefaultsSchema>;
