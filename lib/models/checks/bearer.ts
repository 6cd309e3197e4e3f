import { findCatalogModel } from "../catalog";
import type { ModelType } from "../model-types";
import type { Check, CheckContext, CheckResult, DiscoveredModel } from "./check-types";
import { call, endpoint, failureFor, isOk, malformed, parseJson } from "./http";
import { bodyPlaceholders, fillBody, fillPath, placeholders } from "./templates";

// The OpenAI-style family: `Authorization: Bearer <key>`. bearer-models lists models (OpenAI,
// Mistral, Groq, …, and the self-hosted OpenAI-style servers); bearer-get and bearer-post make
// the one call a provider without a list offers (OpenRouter's /key, Jina's /embeddings, …).

function bearer(context: CheckContext): Record<string, string> {
  const key = context.credentials.api_key;
  return key ? { authorization: `Bearer ${key}` } : {};
}

function itemName(item: unknown, field: "id" | "name"): string | null {
  if (!item || typeof item !== "object") return null;
  const value = (item as Record<string, unknown>)[field];
  return typeof value === "string" && value !== "" ? value : null;
}

/** OpenAI's {data:[{id}]}, Together's bare [{id}], Cohere's {models:[{name}]}. */
export function modelNames(json: unknown): string[] | null {
  if (Array.isArray(json)) return json.flatMap((item) => itemName(item, "id") ?? []);
  if (!json || typeof json !== "object") return null;
  const record = json as Record<string, unknown>;
  if (Array.isArray(record.data)) return record.data.flatMap((item) => itemName(item, "id") ?? []);
  if (Array.isArray(record.models)) return record.models.flatMap((item) => itemName(item, "name") ?? []);
  return null;
}

/** A listed name takes its catalog types when the factory's catalog knows it; else the server did not say. */
export function discovered(context: CheckContext, names: readonly string[]): DiscoveredModel[] {
  return [...new Set(names)].map((name) => {
    const known = context.factory.models.filter((model) => model.name === name);
    const types: ModelType[] = known.map((model) => model.type);
    const maxTokens = known.length > 0 ? (findCatalogModel(context.factory.name, name, types[0])?.maxTokens ?? 0) : 0;
    return { name, types, maxTokens };
  });
}

export const bearerModels: Check = async (context) => {
  const url = endpoint(context.baseUrl, "/models");
  const outcome = await call(context, url, { method: "GET", headers: bearer(context) });
  if (!outcome.ok) return outcome;
  if (!isOk(outcome.response)) return failureFor(context, url, outcome.response);
  const names = modelNames(parseJson(outcome.response.body));
  if (names === null) return malformed(url, "a model list");
  return { ok: true, message: `${names.length} models listed`, models: discovered(context, names) };
};

function isJsonObject(body: string): boolean {
  const json = parseJson(body);
  return Boolean(json) && typeof json === "object";
}

/** A 404 on a path that names a field (Fish Audio's /model/{reference_id}) is about that field. */
function notFoundField(context: CheckContext, template: string, status: number): CheckResult | null {
  const [field] = placeholders(template);
  if (status !== 404 || !field) return null;
  const label = context.factory.credentialFields.find((candidate) => candidate.name === field)?.label ?? field;
  return { ok: false, kind: "rejected", field, message: `${context.factory.name} has nothing with this ${label}` };
}

export const bearerGet: Check = async (context) => {
  if (context.factory.check.kind !== "bearer-get") throw new Error("bearerGet needs a bearer-get check");
  const template = context.factory.check.path;
  const url = endpoint(context.baseUrl, fillPath(template, context.credentials));
  const outcome = await call(context, url, { method: "GET", headers: bearer(context) });
  if (!outcome.ok) return outcome;
  const { response } = outcome;
  if (!isOk(response)) return notFoundField(context, template, response.status) ?? failureFor(context, url, response);
  if (!isJsonObject(response.body)) return malformed(url, "JSON");
  return { ok: true, message: "accepted", models: null };
};

export const bearerPost: Check = async (context) => {
  const { check } = context.factory;
  if (check.kind !== "bearer-post") throw new Error("bearerPost needs a bearer-post check");
  const url = endpoint(context.baseUrl, check.path);
  const body = JSON.stringify(fillBody(check.body, context.credentials));
  const headers = { ...bearer(context), "content-type": "application/json" };
  const outcome = await call(context, url, { method: "POST", headers, body });
  if (!outcome.ok) return outcome;
  const { response } = outcome;
  if (!isOk(response)) {
    const failure = failureFor(context, url, response);
    // A 404 naming the endpoint id (VolcEngine) is about that field, not the key.
    const [field] = bodyPlaceholders(check.body);
    return response.status === 404 && field ? { ...failure, kind: "rejected", field } : failure;
  }
  if (!isJsonObject(response.body)) return malformed(url, "JSON");
  return { ok: true, message: "accepted", models: null };
};
