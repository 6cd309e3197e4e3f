import type { ModelType } from "../model-types";
import type { Check, CheckContext, DiscoveredModel } from "./check-types";
import { call, endpoint, failureFor, isOk, malformed, parseJson } from "./http";

// Ollama's own API: /api/tags lists what was pulled, /api/show says what each model can do
// ("completion", "vision", "embedding" in Ollama ≥ 0.6) and its context length. Older servers
// say nothing; those models come back untyped and the user chooses.

/** Up to this many /api/show calls per discovery, a few at a time. */
const MAX_SHOWN = 50;
const PARALLEL_SHOWS = 4;

/** Ollama's API sits at the server root; a base URL copied from an OpenAI client ends in /v1. */
export function ollamaRoot(base: URL): URL {
  const root = new URL(base);
  root.pathname = base.pathname.replace(/\/+$/, "").replace(/\/(v1|api)$/, "") || "/";
  return root;
}

function auth(context: CheckContext): Record<string, string> {
  return context.credentials.api_key ? { authorization: `Bearer ${context.credentials.api_key}` } : {};
}

function capabilityTypes(capabilities: unknown): ModelType[] {
  if (!Array.isArray(capabilities)) return [];
  const types: ModelType[] = [];
  if (capabilities.includes("embedding")) types.push("embedding");
  if (capabilities.includes("completion")) types.push("chat");
  if (capabilities.includes("vision")) types.push("image2text");
  return types;
}

function contextLength(modelInfo: unknown): number {
  if (!modelInfo || typeof modelInfo !== "object") return 0;
  for (const [key, value] of Object.entries(modelInfo)) {
    if (key.endsWith(".context_length") && typeof value === "number" && Number.isInteger(value)) return value;
  }
  return 0;
}

async function show(context: CheckContext, root: URL, name: string): Promise<DiscoveredModel> {
  const url = endpoint(root, "/api/show");
  const outcome = await call(context, url, {
    method: "POST",
    headers: { ...auth(context), "content-type": "application/json" },
    body: JSON.stringify({ model: name }),
  });
  if (!outcome.ok || !isOk(outcome.response)) return { name, types: [], maxTokens: 0 };
  const json = parseJson(outcome.response.body);
  const record = json && typeof json === "object" ? (json as Record<string, unknown>) : {};
  return { name, types: capabilityTypes(record.capabilities), maxTokens: contextLength(record.model_info) };
}

export const ollamaTags: Check = async (context) => {
  const root = ollamaRoot(context.baseUrl);
  const url = endpoint(root, "/api/tags");
  const outcome = await call(context, url, { method: "GET", headers: auth(context) });
  if (!outcome.ok) return outcome;
  if (!isOk(outcome.response)) return failureFor(context, url, outcome.response);
  const json = parseJson(outcome.response.body);
  const models = json && typeof json === "object" ? (json as Record<string, unknown>).models : undefined;
  if (!Array.isArray(models)) return malformed(url, "an Ollama model list");
  const names = models.flatMap((item: unknown) => {
    const name = item && typeof item === "object" ? (item as Record<string, unknown>).name : undefined;
    return typeof name === "string" && name !== "" ? [name] : [];
  });
  const discovered: DiscoveredModel[] = [];
  const shown = names.slice(0, MAX_SHOWN);
  for (let start = 0; start < shown.length; start += PARALLEL_SHOWS) {
    discovered.push(
      ...(await Promise.all(shown.slice(start, start + PARALLEL_SHOWS).map((name) => show(context, root, name)))),
    );
  }
  for (const name of names.slice(MAX_SHOWN)) discovered.push({ name, types: [], maxTokens: 0 });
  return { ok: true, message: `${names.length} models pulled`, models: discovered };
};
