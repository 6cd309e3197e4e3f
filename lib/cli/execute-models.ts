// Model statements act on the caller's own providers and defaults (SPEC §4 "Models").

import type { ApiClient } from "./api-client";
import type { CliResult, Row } from "./format";
import { CliCommandError, asRecord, asRows } from "./response";
import { DEFAULT_FIELDS, MODEL_TYPES, type Statement } from "./statements";

export type ModelStatement = Extract<
  Statement,
  {
    kind:
      | "create_provider"
      | "drop_provider"
      | "list_providers"
      | "list_models"
      | "set_default"
      | "reset_default"
      | "list_defaults";
  }
>;

const DEFAULT_COLUMNS = ["type", "field", "model"];

/** One row per model type, so the six defaults read as a table with the CLI's own type names. */
function defaultRows(defaults: Row): Row[] {
  return MODEL_TYPES.map((type) => {
    const field = DEFAULT_FIELDS[type];
    return { type, field, model: defaults[field] ?? null };
  });
}

function defaultsResult(data: unknown, message?: string): CliResult {
  const defaults = asRecord(data, "the default models");
  return { rows: defaultRows(defaults), columns: DEFAULT_COLUMNS, json: defaults, ...(message ? { message } : {}) };
}

const PROVIDER_COLUMNS = ["factory", "api_key", "base_url", "status", "models"];

/** GET /models/providers rows as the table shows them; the key arrives masked and stays so. */
function providerRows(data: unknown): Row[] {
  return asRows(data, "the model providers").map((provider) => ({
    factory: provider.factory ?? null,
    api_key: provider.api_key_masked ?? null,
    base_url: provider.base_url ?? null,
    status: provider.status ?? null,
    models: provider.model_count ?? null,
  }));
}

const MODEL_COLUMNS = ["factory", "name", "type", "max_tokens"];

/** GET /models?include_details=true as one row per model: factory, name, type and limit. */
function modelRows(data: unknown, factory: string | undefined): Row[] {
  const byFactory = asRecord(data, "the models by factory");
  return Object.entries(byFactory).flatMap(([name, entry]) => {
    if (factory !== undefined && name !== factory) return [];
    return asRows(asRecord(entry, `the ${name} entry`).llm, `the ${name} models`).map((model) => ({
      factory: name,
      name: model.name ?? null,
      type: model.type ?? null,
      max_tokens: model.max_tokens ?? null,
    }));
  });
}

/**
 * A factory with several credential fields takes them as one JSON object, quoted as one argument:
 * CREATE MODEL PROVIDER Bedrock '{"access_key_id": "…", "secret_access_key": "…", "region": "us-east-1"}';
 */
function credentials(apiKey: string): string | Record<string, string> {
  if (!apiKey.trim().startsWith("{")) return apiKey;
  let parsed: unknown;
  try {
    parsed = JSON.parse(apiKey);
  } catch {
    // The message never repeats the argument: it holds secrets.
    throw new CliCommandError("The credentials look like a JSON object but are not valid JSON");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new CliCommandError("The credentials must be a JSON object of the factory's fields");
  return Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, String(value)]));
}

export async function executeModelStatement(statement: ModelStatement, client: ApiClient): Promise<CliResult> {
  switch (statement.kind) {
    case "create_provider": {
      const { factory, apiKey, baseUrl } = statement;
      // Self-hosted factories take no key: '' means "none", and the server decides whether one is needed.
      const body: Row = { llm_factory: factory };
      if (apiKey !== "") body.api_key = credentials(apiKey);
      if (baseUrl !== undefined && baseUrl !== "") body.base_url = baseUrl;
      const data = await client.post("/models", body);
      return { message: `Added model provider ${factory}.`, json: data };
    }
    case "drop_provider": {
      // DELETE with a JSON body: the API names the factory in the body, not the path.
      const data = await client.delete("/models", { llm_factory: statement.factory });
      return {
        message: `Removed model provider ${statement.factory}; defaults that used its models were cleared.`,
        json: data,
      };
    }
    case "list_providers": {
      // Not GET /models: that lists models by factory (Builtin too) without key, URL or status.
      const data = await client.get("/models/providers");
      const rows = providerRows(data);
      const count = rows.length;
      return {
        rows,
        columns: PROVIDER_COLUMNS,
        message: `${count} provider${count === 1 ? "" : "s"}`,
        json: data,
      };
    }
    case "list_models": {
      const data = await client.get("/models", { include_details: "true" });
      const rows = modelRows(data, statement.factory);
      return {
        rows,
        columns: MODEL_COLUMNS,
        message: `${rows.length} model${rows.length === 1 ? "" : "s"}`,
        json: data,
      };
    }
    case "set_default": {
      const data = await client.post("/models/default", { [statement.field]: statement.modelId });
      return defaultsResult(data, `Default ${statement.modelType} set to ${statement.modelId}.`);
    }
    case "reset_default": {
      const data = await client.post("/models/default", { [statement.field]: null });
      return defaultsResult(data, `Default ${statement.modelType} cleared.`);
    }
    case "list_defaults":
      return defaultsResult(await client.get("/models/default"));
  }
}
