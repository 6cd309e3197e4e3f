import "server-only";
import { badRequest, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { requireScope, type Caller } from "@/lib/auth/caller";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ADDABLE_FACTORIES, findFactory, resolveFactory, type Factory } from "./catalog";
import { checkFailureError, failureMessage, runCheck } from "./check-runner";
import { parseCredentials, sealCredentials } from "./credentials";
import { clearDefaults, lockModelSettings } from "./defaults";
import { plannedModels } from "./model-plan";
import { BUILTIN_FACTORY } from "./model-types";
import { effectiveBaseUrl } from "./provider-check";
import { parseEncryptionKey } from "./secret-box";
import type { AddProviderInput, RemoveProviderInput } from "./schemas";

export type ProviderStatus = "verified" | "unverified";

/** A row of GET /models/providers, for the /models page and LIST MODEL PROVIDERS. Never a secret. */
export type ProviderDto = {
  factory: string;
  api_key_masked: string | null;
  /** The non-secret credential fields (region, endpoint, reference id, …). */
  settings: Record<string, string>;
  base_url: string | null;
  status: string;
  model_count: number;
  last_checked_at: string | null;
  last_check_ok: boolean | null;
  last_check_message: string | null;
  created_at: string;
  updated_at: string;
};

/** The catalog factory a request names (its name or an alias), never Builtin. */
export function requireAddableFactory(name: string): Factory {
  const factory = resolveFactory(name);
  if (!factory) {
    throw badRequest(`Unknown model factory ${name}`, {
      llm_factory: [`Choose one of ${ADDABLE_FACTORIES.map((candidate) => candidate.name).join(", ")}`],
    });
  }
  if (factory.name === BUILTIN_FACTORY) {
    throw badRequest("Builtin models are always available and cannot be added", {
      llm_factory: ["Builtin cannot be added"],
    });
  }
  return factory;
}

/** The URL a check calls: the user's base_url, else the factory's default filled from the credentials. */
export function checkBaseUrl(factory: Factory, input: { base_url?: string }, credentials: Record<string, string>) {
  const baseUrl = factory.selfHosted ? input.base_url : effectiveBaseUrl(factory, credentials, input.base_url);
  if (!baseUrl) throw badRequest(`${factory.name} needs a base URL`, { base_url: [`Required for ${factory.name}`] });
  return baseUrl;
}

/**
 * POST /models. Every factory's check must not refuse the key; hosted factories must pass it, and
 * self-hosted ones are saved unverified when their server did not answer. Adding a configured
 * factory again replaces its credentials, URL and models, keeping the token counts of models that stay.
 */
export async function addProvider(caller: Caller, input: AddProviderInput): Promise<true> {
  requireScope(caller, "models:write");
  const factory = requireAddableFactory(input.llm_factory);
  const credentials = parseCredentials(factory, input.api_key);
  const baseUrl = checkBaseUrl(factory, input, credentials);
  // Read the encryption key first: a misconfigured server must fail before the key goes anywhere.
  const hasSecret = factory.credentialFields.some((field) => field.secret && credentials[field.name]);
  const encryptionKey = hasSecret ? parseEncryptionKey(config().SECRET_ENCRYPTION_KEY) : null;

  const check = await runCheck(factory, credentials, baseUrl);
  if (!check.ok && (check.kind === "rejected" || check.kind === "blocked" || !factory.selfHosted)) {
    throw checkFailureError(factory, check);
  }
  const models = plannedModels(factory, input.models, check.ok ? check.models : null);
  if (models.length === 0) {
    const why = check.ok ? `${baseUrl} listed no models` : check.message;
    throw badRequest(`Name the models to use with ${factory.name}`, { models: [`Give the model names: ${why}`] });
  }
  const checkedAt = new Date();
  const sealed = sealCredentials(factory, credentials, encryptionKey);
  const settings = {
    apiKeyEncrypted: sealed.apiKeyEncrypted,
    // apiKeyMasked is a display column: it holds the whole masked form ("sk-…abcd", see maskSecret).
    apiKeyMasked: sealed.apiKeyMasked,
    credentialSettings: sealed.credentialSettings ?? Prisma.DbNull,
    // Null means "the factory's default URL", so a catalog update moves providers that never chose one.
    baseUrl: input.base_url ?? null,
    status: (check.ok ? "verified" : "unverified") satisfies ProviderStatus,
    lastCheckedAt: checkedAt,
    lastCheckOk: check.ok,
    lastCheckMessage: check.ok ? `Accepted: ${check.message}` : failureMessage(factory, check),
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
  const factoryName = resolveFactory(input.llm_factory)?.name ?? input.llm_factory;
  const userId = caller.user.id;
  await db.$transaction(async (tx) => {
    await lockModelSettings(tx, userId);
    const provider = await tx.modelProvider.findUnique({
      where: { userId_factory: { userId, factory: factoryName } },
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

/** The non-secret credential fields as stored (a JSON column). */
export function settingsOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** The caller's providers with masked keys and their last check, for the /models page and the CLI. */
export async function listProviders(caller: Caller): Promise<ProviderDto[]> {
  requireScope(caller, "models:read");
  const providers = await db.modelProvider.findMany({
    where: { userId: caller.user.id },
    select: {
      factory: true,
      apiKeyMasked: true,
      credentialSettings: true,
      baseUrl: true,
      status: true,
      lastCheckedAt: true,
      lastCheckOk: true,
      lastCheckMessage: true,
      createdAt: true,
      updatedAt: true,
      _count: { select: { models: true } },
    },
    orderBy: { factory: "asc" },
  });
  return providers.map((provider) => {
    const factory = findFactory(provider.factory);
    const settings = settingsOf(provider.credentialSettings);
    return {
      factory: provider.factory,
      api_key_masked: provider.apiKeyMasked,
      settings,
      base_url: provider.baseUrl ?? (factory ? effectiveBaseUrl(factory, settings) : null),
      status: provider.status,
      model_count: provider._count.models,
      last_checked_at: provider.lastCheckedAt?.toISOString() ?? null,
      last_check_ok: provider.lastCheckOk,
      last_check_message: provider.lastCheckMessage,
      created_at: provider.createdAt.toISOString(),
      updated_at: provider.updatedAt.toISOString(),
    };
  });
}
