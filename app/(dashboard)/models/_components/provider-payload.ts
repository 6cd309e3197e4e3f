import { z } from "zod";
import { MODEL_TYPES } from "@/lib/models/model-types";
import { addProviderSchema } from "@/lib/models/schemas";
import type { FactoryChoice } from "./add-provider-form";

// Between the add-provider form and POST /models: the form holds one input per credential field;
// the API takes `api_key` as a string for one-key factories and as an object otherwise.

const discoveredChoice = z.object({
  name: z.string(),
  type: z.enum(MODEL_TYPES),
  maxTokens: z.number(),
  selected: z.boolean(),
});

/** The form's own shape, with the API's rules for the fields both share. */
export const providerFormSchema = z.object({
  llm_factory: addProviderSchema.shape.llm_factory,
  base_url: addProviderSchema.shape.base_url,
  // Optional: an input nobody typed in registers as undefined.
  credentials: z.record(z.string(), z.string().max(16_384).optional()),
  /** null until the server was asked what it serves. */
  models: z.array(discoveredChoice).nullable(),
});

export type ProviderFormValues = z.input<typeof providerFormSchema>;
export type ProviderFormOutput = z.output<typeof providerFormSchema>;
export type DiscoveredChoice = z.infer<typeof discoveredChoice>;

export function isSingleKey(factory: FactoryChoice | undefined): boolean {
  return factory?.credential_fields.length === 1 && factory.credential_fields[0].name === "api_key";
}

/** The body of POST /models (and of the discovery call, which ignores `models`). */
export function providerPayload(factory: FactoryChoice | undefined, values: ProviderFormOutput) {
  const given = Object.fromEntries(
    Object.entries(values.credentials).flatMap(([name, value]) => (value?.trim() ? [[name, value]] : [])),
  );
  const apiKey = isSingleKey(factory) ? given.api_key : Object.keys(given).length > 0 ? given : undefined;
  const models = values.models
    ?.filter((model) => model.selected)
    .map((model) => ({ name: model.name, type: model.type, max_tokens: model.maxTokens }));
  return {
    llm_factory: values.llm_factory,
    ...(apiKey !== undefined ? { api_key: apiKey } : {}),
    ...(values.base_url ? { base_url: values.base_url } : {}),
    ...(models && models.length > 0 ? { models } : {}),
  };
}

/**
 * Where the server's `api_key` / `api_key.<field>` errors go: the credential input they name,
 * or the factory's first one when the path names no input (e.g. a whole-object problem).
 */
export function credentialErrorPath(
  factory: FactoryChoice | undefined,
  path: string,
): `credentials.${string}` | undefined {
  if (path !== "api_key" && !path.startsWith("api_key.")) return undefined;
  const named = path === "api_key" ? "api_key" : path.slice("api_key.".length);
  const fields = factory?.credential_fields ?? [];
  const field = fields.find((candidate) => candidate.name === named) ?? fields[0];
  return field ? `credentials.${field.name}` : undefined;
}
