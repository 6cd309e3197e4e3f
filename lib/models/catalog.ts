// The checked-in catalog of model factories (data in catalog/factories.json). Pure data and
// helpers: no database, no I/O, so services, the OpenAPI document and the CLI can all import it.
// Client components import the vocabulary from model-types.ts instead, to keep the data out of bundles.
import { z } from "zod";
import factoriesJson from "./catalog/factories.json";
import { factorySchema, type CheckSpec, type CredentialField } from "./catalog/catalog-schema";
import { BUILTIN_FACTORY, type ModelType } from "./model-types";

export interface CatalogModel {
  readonly name: string;
  readonly type: ModelType;
  /** Context window for chat/vision/embedding/rerank; input limit for TTS; 0 where tokens do not apply. */
  readonly maxTokens: number;
}

export interface Factory {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly tags: readonly string[];
  /** Self-hosted factories need a base_url, their own server lists their models, and a key is optional. */
  readonly selfHosted: boolean;
  /** Where a hosted factory is called when no base_url is given; may name credential fields ("{region}"). */
  readonly defaultBaseUrl: string | null;
  readonly check: CheckSpec;
  readonly credentialFields: readonly CredentialField[];
  readonly models: readonly CatalogModel[];
}

export const CATALOG: readonly Factory[] = z
  .array(factorySchema)
  .parse(factoriesJson)
  .map((data) => ({
    name: data.name,
    aliases: data.aliases ?? [],
    tags: data.tags,
    selfHosted: data.self_hosted,
    defaultBaseUrl: data.base_url,
    check: data.check,
    credentialFields: data.credential_fields,
    models: data.models.map((model) => ({ name: model.name, type: model.type, maxTokens: model.max_tokens })),
  }));

/** Exact, case-sensitive match: factory names are identifiers stored in model ids. */
export function findFactory(name: string): Factory | undefined {
  return CATALOG.find((factory) => factory.name === name);
}

/** For request input: the name, or an alias (RAGFlow's spelling), resolves to the catalog's factory. */
export function resolveFactory(name: string): Factory | undefined {
  return findFactory(name) ?? CATALOG.find((factory) => factory.aliases.includes(name));
}

/** The catalog entry for a model of a given type, if the factory lists it. */
export function findCatalogModel(factory: string, name: string, type: ModelType): CatalogModel | undefined {
  return findFactory(factory)?.models.find((model) => model.name === name && model.type === type);
}

/** Tags as the API spells them: one comma-separated string. */
export function tagString(factory: Factory): string {
  return factory.tags.join(",");
}

export type ApiCredentialField = {
  name: string;
  label: string;
  secret: boolean;
  required: boolean;
  placeholder: string | null;
  multiline: boolean;
};

export interface ApiFactory {
  name: string;
  tags: string;
  self_hosted: boolean;
  default_base_url: string | null;
  check_protocol: string;
  credential_fields: ApiCredentialField[];
  models: { name: string; type: ModelType; max_tokens: number }[];
}

/** The body of GET /api/v1/models/factories; the /models form renders its credential inputs from it. */
export function catalogForApi(): ApiFactory[] {
  return CATALOG.map((factory) => ({
    name: factory.name,
    tags: tagString(factory),
    self_hosted: factory.selfHosted,
    default_base_url: factory.defaultBaseUrl,
    check_protocol: factory.check.kind,
    credential_fields: factory.credentialFields.map((field) => ({
      name: field.name,
      label: field.label,
      secret: field.secret,
      required: field.required,
      placeholder: field.placeholder ?? null,
      multiline: field.multiline ?? false,
    })),
    models: factory.models.map((model) => ({ name: model.name, type: model.type, max_tokens: model.maxTokens })),
  }));
}

export const ADDABLE_FACTORIES = CATALOG.filter((factory) => factory.name !== BUILTIN_FACTORY);
