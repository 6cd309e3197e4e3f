import "server-only";
import { badRequest, type ApiError } from "@/lib/api/errors";
import { config } from "@/lib/config";
import type { Factory } from "./catalog";
import type { CheckFailure, CheckResult } from "./checks/check-types";
import { credentialPath, keyField, type Credentials } from "./credentials";
import { checkProvider } from "./provider-check";

/** SPEC §4: one real call, limited to 10 s. */
export const PROVIDER_CHECK_TIMEOUT_MS = 10_000;

/** Self-hosted factories live on the user's own network; hosted ones reach it only when configured to. */
export function allowPrivateNetworks(factory: Factory): boolean {
  return factory.selfHosted || config().PROVIDER_ALLOW_PRIVATE_NETWORKS;
}

export function runCheck(factory: Factory, credentials: Credentials, baseUrl: string | null): Promise<CheckResult> {
  return checkProvider({
    factory,
    credentials,
    baseUrl,
    timeoutMs: PROVIDER_CHECK_TIMEOUT_MS,
    allowPrivate: allowPrivateNetworks(factory),
  });
}

/** What the user reads about a failed check; already free of secrets (checks/http.ts scrubs). */
export function failureMessage(factory: Factory, failure: CheckFailure): string {
  if (failure.kind !== "rejected") return failure.message;
  if (failure.field) return failure.message;
  return `${factory.name} refused the ${keyField(factory)?.label ?? "API key"}: ${failure.message}`;
}

/**
 * A failed check as a 400 at the field it is about: a refused key at the key field (for every
 * factory, SPEC §4 and issue 12), a refused reference at its own field, anything else at base_url.
 */
export function checkFailureError(factory: Factory, failure: CheckFailure): ApiError {
  const message = failureMessage(factory, failure);
  if (failure.kind !== "rejected") return badRequest(message, { base_url: [message] });
  const field = failure.field ?? keyField(factory)?.name ?? "api_key";
  const label = factory.credentialFields.find((candidate) => candidate.name === field)?.label ?? "API key";
  const atField = failure.field ? failure.message : `${factory.name} refused this ${label}: ${failure.message}`;
  return badRequest(message, { [credentialPath(factory, field)]: [atField] });
}
