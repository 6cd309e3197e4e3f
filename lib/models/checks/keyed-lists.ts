import type { Check, CheckContext } from "./check-types";
import { discovered, modelNames } from "./bearer";
import { ANTHROPIC_VERSION } from "./protocol-versions";
import { call, endpoint, failureFor, isOk, malformed, parseJson } from "./http";

// List-models calls whose key goes in a provider-specific header: Anthropic's x-api-key with
// anthropic-version, Gemini's x-goog-api-key (never ?key= in the URL), Azure's api-key with the
// api-version the deployment speaks.

async function listWith(
  context: CheckContext,
  url: URL,
  headers: Record<string, string>,
  names: (json: unknown) => string[] | null,
) {
  const outcome = await call(context, url, { method: "GET", headers });
  if (!outcome.ok) return outcome;
  if (!isOk(outcome.response)) return failureFor(context, url, outcome.response);
  const listed = names(parseJson(outcome.response.body));
  if (listed === null) return malformed(url, "a model list");
  return { ok: true as const, message: `${listed.length} models listed`, models: discovered(context, listed) };
}

export const anthropicModels: Check = (context) =>
  listWith(
    context,
    endpoint(context.baseUrl, "/models"),
    { "x-api-key": context.credentials.api_key ?? "", "anthropic-version": ANTHROPIC_VERSION },
    modelNames,
  );

/** Gemini lists {models:[{name:"models/gemini-2.5-pro"}]}; the catalog names drop the prefix. */
function geminiNames(json: unknown): string[] | null {
  const names = modelNames(json);
  return names && names.map((name) => name.replace(/^models\//, ""));
}

export const geminiModels: Check = (context) =>
  listWith(
    context,
    endpoint(context.baseUrl, "/models"),
    { "x-goog-api-key": context.credentials.api_key ?? "" },
    geminiNames,
  );

export const azureOpenAi: Check = (context) =>
  listWith(
    context,
    // api-version is a protocol version, not a secret: Azure requires it in the query.
    endpoint(context.baseUrl, "/openai/models", { "api-version": context.credentials.api_version ?? "" }),
    { "api-key": context.credentials.api_key ?? "" },
    modelNames,
  );
