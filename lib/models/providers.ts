import "server-only";
import { ApiError, badRequest, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { requireScope, type Caller } from "@/lib/auth/caller";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { BUILTIN_FACTORY, CATALOG, findFactory, type Factory, type ModelType } from "./catalog";
import { clearDefaults, lockModelSettings } from "./defaults";
import { listProviderModels, type ProviderCheckFailure } from "./provider-check";
import { encryptSecret, maskSecret, parseEncryptionKey } from "./secret-box";
import type { AddProviderInput, RemoveProviderInput } from "./schemas";

/** SPEC §4: one real list-models call, limited to 10 s. */
export const PROVIDER_CHECK_TIMEOUT_MS = 10_000;

export type ProviderStatus = "verified" | "unverified";
type PlannedModel = { name: string; type: ModelType; maxTokens: number };

/** A row of GET /models/providers, for the /models page and LIST MODEL PROVIDERS. Never the key. */
export type ProviderDto = {
  factory: string;
  api_key_masked: string | null;
  base_url: string | null;
  status: string;
  model_count: number;
  created_at: string;
  updated_at: string;
};

const addable = () => CATALOG.filter((factory) => factory.name !== BUILTIN_FACTORY).map((factory) => factory.name);

function requireAddableFactory(name: string): Factory {
  const factory = findFactory(name);
  if (!factory)
    throw badRequest(`Unknown model factory ${name}`, { llm_factory: [`Choose one of ${addable().join(", ")}`] });
  if (factory.name === BUILTIN_FACTORY) {
    throw badRequest("Builtin models are always available and cannot be added", {
      llm_factory: ["Builtin cannot be added"],
    });
  }
  return factory;
}

/** The check's own message, already free of the key and of URL credentials (provider-check.ts). */
function checkFailure(factory: Factory, failure: ProviderCheckFailure): ApiError {
  if (failure.kind === "rejected") {
    return badRequest(`${factory.name} refused the API key: ${failure.message}`, { api_key: [failure.message] });
  }
  return badRequest(failure.message, { base_url: [failure.message] });
}

const unique = (names: readonly string[]) => [...new Set(names)];

/**
 * The models to save: the requested names (every catalog type of each; an unlisted name is taken
 * as a chat model, e.g. a fine-tune), else the catalog's, else, for factories with no catalog
 * models (OpenAI-API-Compatible), whatever the server listed, as chat models.
 */
function plannedModels(
  factory: Factory,
  requested: readonly string[] | undefined,
  listed: readonly string[] | null,
): PlannedModel[] {
  const asChat = (name: string): PlannedModel => ({ name, type: "chat", maxTokens: 0 });
  if (requested && requested.length > 0) {
    return unique(requested).flatMap((name) => {
      const known = factory.models.filter((model) => model.name === name);
      return known.length > 0 ? known.map((model) => ({ ...model })) : [asChat(name)];
    });
  }
  if (factory.models.length > 0) return factory.models.map((model) => ({ ...model }));
  return unique(listed ?? []).map(asChat);
}

/**
 * POST /models. Hosted factories must pass one real check; self-hosted ones are saved either way
 * and marked unverified when their server did not answer. Adding a configured factory again
 * replaces its key, URL and models, keeping the token counts of models that stay.
 */
export async function addProvider(caller: Caller, input: AddProviderInput): Promise<true> {
  requireScope(caller, "models:write");
  const factory = requireAddableFactory(input.llm_factory);
  if (!factory.selfHosted && !input.api_key) {
    throw badRequest(`${factory.name} needs an API key`, { api_key: [`Required for ${factory.name}`] });
  }
  const baseUrl = factory.selfHosted ? input.base_url : (input.base_url ?? factory.defaultBaseUrl ?? undefined);
  if (!baseUrl) throw badRequest(`${factory.name} needs a base URL`, { base_url: [`Required for ${factory.name}`] });
  // Read the encryption key first: a misconfigured server must fail before the key goes anywhere.
  const encryptionKey = input.api_key ? parseEncryptionKey(config().SECRET_ENCRYPTION_KEY) : null;

  const check = await listProviderModels({
    baseUrl,
    apiKey: input.api_key,
    authScheme: factory.authScheme,
    timeoutMs: PROVIDER_CHECK_TIMEOUT_MS,
  });
  if (!check.ok && !factory.selfHosted) throw checkFailure(factory, check);
  const models = plannedModels(factory, input.models, check.ok ? check.models : null);
  if (models.length === 0) {
    const why = check.ok ? `${baseUrl} listed no models` : check.message;
    throw badRequest(`Name the models to use with ${factory.name}`, { models: [`Give the model names: ${why}`] });
  }
  const status: ProviderStatus = check.ok ? "verified" : "unverified";
  const settings = {
    apiKeyEncrypted: input.api_key && encryptionKey ? encryptSecret(input.api_key, encryptionKey) : null,
    // apiKeyMasked is a display column: it holds the whole masked form ("sk-…abcd", see maskSecret),
    // so lists never need the ciphertext, and short keys show less than their last four.
    apiKeyMasked: input.api_key ? maskSecret(input.api_key) : null,
    // Null means "the factory's default URL", so a catalog update moves providers that never chose one.
    baseUrl: input.base_url ?? null,
    status,
  };
  const userId = caller.user.id;

  await db.$transaction(async (tx) => {
    await lockModelSettings(tx, userId);
    const provider = await tx.modelProvider.upsert({
      where: { userId_factory: { userId, factory: factory.name } },
      create: { userId, factory: factory.name, ...settings },
      update: settings,
      select: { id: true, models: { select: { name: true, type: true, usedTokens: true } } },
    });
    const usedTokens = new Map(provider.models.map((model) => [`${model.type}:${model.name}`, model.usedTokens]));
    await tx.providerModel.deleteMany({ where: { providerId: provider.id } });
    await tx.providerModel.createMany({
      data: models.map((model) => ({
        providerId: provider.id,
        ...model,
        usedTokens: usedTokens.get(`${model.type}:${model.name}`) ?? 0,
      })),
    });
    // A default must name a configured model, so defaults for models this update dropped go.
    const kept = new Set(models.map((model) => `${model.type}:${model.name}`));
    const cleared = await clearDefaults(
      tx,
      userId,
      (model) => model.factory === factory.name && !kept.has(`${model.type}:${model.name}`),
    );
    await recordAudit(
      caller,
      {
        action: "provider.added",
        target: { type: "model_provider", id: provider.id },
        details: {
          factory: factory.name,
          base_url: baseUrl,
          ...(cleared.length > 0 ? { cleared_defaults: cleared } : {}),
        },
      },
      tx,
    );
  });
  return true;
}

/** DELETE /models: the provider goes, its models cascade, and defaults that named them are cleared. */
export async function removeProvider(caller: Caller, input: RemoveProviderInput): Promise<true> {
  requireScope(caller, "models:write");
  if (input.llm_factory === BUILTIN_FACTORY) {
    throw badRequest("Builtin models are always available and cannot be removed", {
      llm_factory: ["Builtin cannot be removed"],
    });
  }
  const userId = caller.user.id;
  await db.$transaction(async (tx) => {
    await lockModelSettings(tx, userId);
    const provider = await tx.modelProvider.findUnique({
      where: { userId_factory: { userId, factory: input.llm_factory } },
      select: { id: true, factory: true },
    });
    if (!provider) throw notFound("Model provider");
    await tx.modelProvider.delete({ where: { id: provider.id } });
    const cleared = await clearDefaults(tx, userId, (model) => model.factory === provider.factory);
    await recordAudit(
      caller,
      {
        action: "provider.removed",
        target: { type: "model_provider", id: provider.id },
        details: { factory: provider.factory, cleared_defaults: cleared },
      },
      tx,
    );
  });
  return true;
}

/** The caller's providers with masked keys, for the /models page and the CLI. */
export async function listProviders(caller: Caller): Promise<ProviderDto[]> {
  requireScope(caller, "models:read");
  const providers = await db.modelProvider.findMany({
    where: { userId: caller.user.id },
    select: {
      factory: true,
      apiKeyMasked: true,
      baseUrl: true,
      status: true,
      createdAt: true,
      updatedAt: true,
      _count: { select: { models: true } },
    },
    orderBy: { factory: "asc" },
  });
  return providers.map((provider) => ({
    factory: provider.factory,
    api_key_masked: provider.apiKeyMasked,
    base_url: provider.baseUrl ?? findFactory(provider.factory)?.defaultBaseUrl ?? null,
    status: provider.status,
    model_count: provider._count.models,
    created_at: provider.createdAt.toISOString(),
    updated_at: provider.updatedAt.toISOString(),
  }));
}
