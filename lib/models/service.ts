import "server-only";
import { requireScope, type Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { catalogForApi, findFactory, tagString, type ApiFactory } from "./catalog";
import { BUILTIN_FACTORY, type ModelType } from "./model-types";
import { effectiveBaseUrl } from "./provider-check";
import { settingsOf } from "./providers";
import type { ListModelsQuery } from "./schemas";

// Read side of the Models API. Writes live in providers.ts (add/remove) and defaults.ts.

/** One model in GET /models; the detail fields appear only with include_details. */
export type ModelEntry = {
  type: ModelType;
  name: string;
  used_token: number;
  api_base?: string | null;
  max_tokens?: number;
  status?: string;
};
export type FactoryModels = { tags: string; llm: ModelEntry[] };
export type ModelsByFactory = Record<string, FactoryModels>;

type Source = { type: ModelType; name: string; usedTokens: number; maxTokens: number; status: string };

function entry(model: Source, apiBase: string | null, includeDetails: boolean): ModelEntry {
  const base: ModelEntry = { type: model.type, name: model.name, used_token: model.usedTokens };
  return includeDetails ? { ...base, api_base: apiBase, max_tokens: model.maxTokens, status: model.status } : base;
}

/**
 * GET /models: `{ "<Factory>": {tags, llm: [...]} }`, Builtin first and always there. The
 * provider API key is not selected at all, so it cannot leak into this shape.
 */
export async function listModels(caller: Caller, query: ListModelsQuery): Promise<ModelsByFactory> {
  requireScope(caller, "models:read");
  const details = query.include_details;
  const builtin = findFactory(BUILTIN_FACTORY);
  const result: ModelsByFactory = {
    [BUILTIN_FACTORY]: {
      tags: builtin ? tagString(builtin) : "",
      llm: (builtin?.models ?? []).map((model) => entry({ ...model, usedTokens: 0, status: "active" }, null, details)),
    },
  };
  const providers = await db.modelProvider.findMany({
    where: { userId: caller.user.id },
    select: {
      factory: true,
      baseUrl: true,
      credentialSettings: true,
      // uuid7 ids sort in insertion order, which is the catalog's order for catalog models.
      models: {
        select: { name: true, type: true, maxTokens: true, status: true, usedTokens: true },
        orderBy: { id: "asc" },
      },
    },
    orderBy: { factory: "asc" },
  });
  for (const provider of providers) {
    const factory = findFactory(provider.factory);
    const apiBase =
      provider.baseUrl ?? (factory ? effectiveBaseUrl(factory, settingsOf(provider.credentialSettings)) : null);
    result[provider.factory] = {
      tags: factory ? tagString(factory) : "",
      llm: provider.models.map((model) => entry(model, apiBase, details)),
    };
  }
  return result;
}

/** GET /models/factories: the checked-in catalog, the same for every user. */
export function listFactories(caller: Caller): ApiFactory[] {
  requireScope(caller, "models:read");
  return catalogForApi();
}
