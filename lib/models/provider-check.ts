import type { CheckKind, CheckSpec } from "./catalog/catalog-schema";
import type { Factory } from "./catalog";
import type { Credentials } from "./credentials";
import type { Resolver } from "./guarded-http";
import { bearerGet, bearerModels, bearerPost } from "./checks/bearer";
import type { Check, CheckResult } from "./checks/check-types";
import { anthropicModels, azureOpenAi, geminiModels } from "./checks/keyed-lists";
import { ollamaTags } from "./checks/ollama";
import { baiduOAuth, googleServiceAccount } from "./checks/oauth";
import { bedrockSigV4, tencentTc3 } from "./checks/signed";
import { bodyPlaceholders, fillBaseUrl, placeholders } from "./checks/templates";

// One real call per factory, in its own protocol (SPEC §4), through the guarded client (SPEC §8).

const CHECKS: Record<CheckKind, Check> = {
  "bearer-models": bearerModels,
  "bearer-get": bearerGet,
  "bearer-post": bearerPost,
  "anthropic-models": anthropicModels,
  "gemini-models": geminiModels,
  "azure-openai": azureOpenAi,
  "bedrock-sigv4": bedrockSigV4,
  "baidu-oauth": baiduOAuth,
  "google-service-account": googleServiceAccount,
  "tencent-tc3": tencentTc3,
  "ollama-tags": ollamaTags,
  none: async () => ({ ok: true, message: "nothing to check", models: null }),
};

/** The credential fields each protocol reads, beyond those its path, body or base URL name. */
const READS: Record<CheckKind, readonly string[]> = {
  "bearer-models": ["api_key"],
  "bearer-get": ["api_key"],
  "bearer-post": ["api_key"],
  "anthropic-models": ["api_key"],
  "gemini-models": ["api_key"],
  "azure-openai": ["api_key", "api_version"],
  "bedrock-sigv4": ["access_key_id", "secret_access_key", "region"],
  "baidu-oauth": ["api_key", "secret_key"],
  "google-service-account": ["service_account_json"],
  "tencent-tc3": ["secret_id", "secret_key"],
  "ollama-tags": ["api_key"],
  none: [],
};

/** Every credential field a factory's check uses, for the catalog's own test. */
export function fieldsReadByCheck(check: CheckSpec, baseUrl: string | null): string[] {
  const named = [
    ...(check.kind === "bearer-get" ? placeholders(check.path) : []),
    ...(check.kind === "bearer-post" ? bodyPlaceholders(check.body) : []),
    ...(baseUrl ? placeholders(baseUrl) : []),
  ];
  return [...new Set([...READS[check.kind], ...named])];
}

export interface ProviderCheckInput {
  factory: Factory;
  credentials: Credentials;
  /** The user's base_url; else the factory's default, filled from the credentials. */
  baseUrl?: string | null;
  timeoutMs: number;
  allowPrivate: boolean;
  resolve?: Resolver;
}

export function effectiveBaseUrl(factory: Factory, credentials: Credentials, baseUrl?: string | null): string | null {
  if (baseUrl) return baseUrl;
  return factory.defaultBaseUrl ? fillBaseUrl(factory.defaultBaseUrl, credentials) : null;
}

export async function checkProvider(input: ProviderCheckInput): Promise<CheckResult> {
  const base = effectiveBaseUrl(input.factory, input.credentials, input.baseUrl);
  let url: URL;
  try {
    url = new URL(base ?? "");
  } catch {
    return { ok: false, kind: "unreachable", message: "base URL is not a valid URL" };
  }
  return CHECKS[input.factory.check.kind]({
    factory: input.factory,
    credentials: input.credentials,
    baseUrl: url,
    timeoutMs: input.timeoutMs,
    allowPrivate: input.allowPrivate,
    resolve: input.resolve,
  });
}
