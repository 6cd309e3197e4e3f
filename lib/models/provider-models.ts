import "server-only";
import { badRequest, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { requireScope, type Caller } from "@/lib/auth/caller";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { findFactory, resolveFactory, type Factory } from "./catalog";
import { checkFailureError, failureMessage, runCheck } from "./check-runner";
import { openCredentials, parseCredentials } from "./credentials";
import { clearDefaults, lockModelSettings } from "./defaults";
import { suggestedType } from "./model-plan";
import { BUILTIN_FACTORY, type ModelType } from "./model-types";
import { effectiveBaseUrl } from "./provider-check";
import { checkBaseUrl, requireAddableFactory } from "./providers";
import { parseEncryptionKey } from "./secret-box";
import type { DiscoverModelsInput, ModelSpec } from "./schemas";

// One model at a time (RAGFlow's add-one-model), re-checking saved credentials, and asking a
// server what it serves before a provider is saved.

export type ModelDto = { name: string; type: ModelType; max_tokens: number };
export type CheckDto = { ok: boolean; message: string; checked_at: string };
export type DiscoveredDto = { name: string; types: ModelType[]; suggested_type: ModelType; max_tokens: number };

/** The configured factory a path names; Builtin is always there and is never configured. */
function configuredFactory(name: string): Factory {
  if (name === BUILTIN_FACTORY) {
    throw badRequest("Builtin models are always available and cannot be changed", {
      llm_factory: ["Builtin cannot be changed"],
    });
  }
  const factory = resolveFactory(name);
  if (!factory) throw notFound("Model provider");
  return factory;
}

/** POST /models/{factory}/models: adds one model, or updates the limit of one already there. */
export async function addModel(caller: Caller, factoryName: string, spec: ModelSpec): Promise<ModelDto> {
  requireScope(caller, "models:write");
  const factory = configuredFactory(factoryName);
  const userId = caller.user.id;
  return db.$transaction(async (tx) => {
    await lockModelSettings(tx, userId);
    const provider = await tx.modelProvider.findUnique({
      where: { userId_factory: { userId, factory: factory.name } },
      select: { id: true },
    });
    if (!provider) throw notFound("Model provider");
    const model = await tx.providerModel.upsert({
      where: { providerId_name_type: { providerId: provider.id, name: spec.name, type: spec.type } },
      create: { providerId: provider.id, name: spec.name, type: spec.type, maxTokens: spec.max_tokens },
      update: { maxTokens: spec.max_tokens },
      select: { name: true, type: true, maxTokens: true },
    });
    await recordAudit(
      caller,
      {
        action: "provider.model_added",
        target: { type: "model_provider", id: provider.id },
        details: { factory: factory.name, model: spec.name, type: spec.type },
      },
      tx,
    );
    return { name: model.name, type: model.type, max_tokens: model.maxTokens };
  });
}

/**
 * DELETE /models/{factory}/models/{name}: removes the model (every type of it, or the one `type`
 * names) and clears the defaults that pointed at it, as removing a factory does.
 */
export async function removeModel(
  caller: Caller,
  factoryName: string,
  name: string,
  type?: ModelType,
): Promise<{ factory: string; name: string; removed: ModelType[]; cleared_defaults: string[] }> {
  requireScope(caller, "models:write");
  const factory = configuredFactory(factoryName);
  const userId = caller.user.id;
  return db.$transaction(async (tx) => {
    await lockModelSettings(tx, userId);
    const provider = await tx.modelProvider.findUnique({
      where: { userId_factory: { userId, factory: factory.name } },
      select: { id: true, models: { where: { name, ...(type ? { type } : {}) }, select: { id: true, type: true } } },
    });
    if (!provider) throw notFound("Model provider");
    if (provider.models.length === 0) throw notFound("Model");
    await tx.providerModel.deleteMany({ where: { id: { in: provider.models.map((model) => model.id) } } });
    const removed = provider.models.map((model) => model.type);
    const cleared = await clearDefaults(
      tx,
      userId,
      (model) => model.factory === factory.name && model.name === name && removed.includes(model.type),
    );
    await recordAudit(
      caller,
      {
        action: "provider.model_removed",
        target: { type: "model_provider", id: provider.id },
        details: { factory: factory.name, model: name, types: removed, cleared_defaults: cleared },
      },
      tx,
    );
    return { factory: factory.name, name, removed, cleared_defaults: cleared };
  });
}

/** POST /models/{factory}/check: the saved credentials, checked again with one real call. */
export async function recheckProvider(caller: Caller, factoryName: string): Promise<CheckDto> {
  requireScope(caller, "models:write");
  const factory = configuredFactory(factoryName);
  const provider = await db.modelProvider.findUnique({
    where: { userId_factory: { userId: caller.user.id, factory: factory.name } },
    select: { id: true, apiKeyEncrypted: true, credentialSettings: true, baseUrl: true },
  });
  if (!provider) throw notFound("Model provider");
  const key = provider.apiKeyEncrypted ? parseEncryptionKey(config().SECRET_ENCRYPTION_KEY) : null;
  const credentials = openCredentials(factory, provider, key);
  // A self-hosted provider always has its own base URL; a hosted one may use the factory's default.
  const baseUrl = provider.baseUrl ?? (factory.selfHosted ? null : effectiveBaseUrl(factory, credentials));
  const check = baseUrl ? await runCheck(factory, credentials, baseUrl) : null;
  const ok = check?.ok ?? false;
  const message = !check
    ? `${factory.name} has no base URL to check`
    : check.ok
      ? `Accepted: ${check.message}`
      : failureMessage(factory, check);
  const checkedAt = new Date();
  await db.modelProvider.update({
    where: { id: provider.id },
    data: {
      lastCheckedAt: checkedAt,
      lastCheckOk: ok,
      lastCheckMessage: message,
      status: ok ? "verified" : "unverified",
    },
  });
  return { ok, message, checked_at: checkedAt.toISOString() };
}

/**
 * What a server serves, before a provider is saved: the /models page lists it for the user to pick
 * from and type. A refused key or an unreachable server is a 400 at the field it is about.
 */
export async function discoverModels(caller: Caller, input: DiscoverModelsInput): Promise<DiscoveredDto[]> {
  requireScope(caller, "models:write");
  const factory = requireAddableFactory(input.llm_factory);
  const credentials = parseCredentials(factory, input.api_key);
  const baseUrl = checkBaseUrl(factory, input, credentials);
  const check = await runCheck(factory, credentials, baseUrl);
  if (!check.ok) throw checkFailureError(factory, check);
  const listed =
    check.models ??
    factory.models.map((model) => ({ name: model.name, types: [model.type], maxTokens: model.maxTokens }));
  const byName = new Map<string, DiscoveredDto>();
  for (const model of listed) {
    const known = findFactory(factory.name)?.models.filter((candidate) => candidate.name === model.name) ?? [];
    const types = [...new Set([...model.types, ...known.map((candidate) => candidate.type)])];
    byName.set(model.name, {
      name: model.name,
      types,
      suggested_type: types[0] ?? suggestedType(model.name),
      max_tokens: model.maxTokens || known[0]?.maxTokens || 0,
    });
  }
  return [...byName.values()];
}
