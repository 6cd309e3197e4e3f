import { ProviderCallError, providerRequest, type ProviderResponse } from "../guarded-http";
import { secretValues } from "../credentials";
import type { CheckContext, CheckFailure } from "./check-types";

// What every check shares: one guarded call, and turning the answer into a message that is safe
// to show (SPEC §8): the status and the provider's JSON error message, at most 300 characters,
// with every secret scrubbed. The raw body of anything else is never repeated.

const MAX_MESSAGE = 300;
// Bad request, bad key, no credit, forbidden, over quota: the provider's answer about this key.
const REJECTING_STATUSES = new Set([400, 401, 402, 403, 429]);

/** Origin and path only: never a query string, never credentials. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** The base URL's path joined with the check's path ("/v1" + "/models"). */
export function endpoint(base: URL, path: string, query?: Record<string, string>): URL {
  const url = new URL(base);
  url.pathname = `${base.pathname.replace(/\/+$/, "")}${path}`;
  url.search = query ? new URLSearchParams(query).toString() : "";
  return url;
}

export function scrub(text: string, context: CheckContext): string {
  let clean = text;
  for (const secret of secretValues(context.factory, context.credentials))
    clean = clean.split(secret).join("[redacted]");
  const oneLine = clean.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** The provider's own words from a JSON error: {error:{message}}, {error:"…"}, {message}, {detail}, … */
export function jsonErrorMessage(body: string): string | null {
  const json = parseJson(body);
  if (!json || typeof json !== "object") return null;
  const record = json as Record<string, unknown>;
  const error = record.error;
  if (typeof error === "string") return typeof record.error_description === "string" ? record.error_description : error;
  if (error && typeof error === "object") {
    const nested = error as Record<string, unknown>;
    if (typeof nested.message === "string") return nested.message;
  }
  for (const key of ["message", "Message", "detail", "error_msg"]) {
    if (typeof record[key] === "string") return record[key];
  }
  return null;
}

export type CallOutcome = { ok: true; response: ProviderResponse } | CheckFailure;

export async function call(
  context: CheckContext,
  url: URL,
  init: { method: "GET" | "POST"; headers: Record<string, string>; body?: string },
): Promise<CallOutcome> {
  try {
    const response = await providerRequest({
      url,
      method: init.method,
      headers: { accept: "application/json", ...init.headers },
      body: init.body,
      timeoutMs: context.timeoutMs,
      allowPrivate: context.allowPrivate,
      resolve: context.resolve,
    });
    return { ok: true, response };
  } catch (error) {
    const where = displayUrl(context.baseUrl);
    if (error instanceof ProviderCallError) {
      if (error.kind === "blocked")
        return { ok: false, kind: "blocked", message: `refused to call ${where}: ${error.message}` };
      if (error.kind === "too_large")
        return { ok: false, kind: "bad_response", message: `${displayUrl(url)}: ${error.message}` };
      return { ok: false, kind: "unreachable", message: scrub(`could not reach ${where} (${error.message})`, context) };
    }
    throw error;
  }
}

/**
 * A non-2xx answer as a failure: a refused key for the statuses that mean one, else a bad response.
 * Redirects are not followed (they would carry the key along), and say where they pointed.
 */
export function failureFor(context: CheckContext, url: URL, response: ProviderResponse): CheckFailure {
  const where = displayUrl(url);
  const { status } = response;
  if (status >= 300 && status < 400) {
    const location =
      typeof response.headers.location === "string" ? safeLocation(response.headers.location, url) : null;
    return {
      ok: false,
      kind: "bad_response",
      message: `${where} redirected${location ? ` to ${location}` : ""}: use the final URL as base URL`,
    };
  }
  const said = scrub(jsonErrorMessage(response.body) ?? "", context) || `HTTP ${status}`;
  if (REJECTING_STATUSES.has(status)) return { ok: false, kind: "rejected", message: said };
  // 404, 405 and 5xx mean a wrong URL or a broken server, not a refused key.
  return { ok: false, kind: "bad_response", message: `${where} answered HTTP ${status}: ${said}` };
}

function safeLocation(location: string, from: URL): string {
  try {
    return displayUrl(new URL(location, from));
  } catch {
    return "an invalid URL";
  }
}

export function malformed(url: URL, what: string): CheckFailure {
  return { ok: false, kind: "bad_response", message: `${displayUrl(url)} did not answer with ${what}` };
}

export const isOk = (response: ProviderResponse) => response.status >= 200 && response.status < 300;
