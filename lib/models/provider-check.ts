import type { AuthScheme } from "./catalog";

// One real call to a provider's OpenAI-style list-models endpoint, used to check a key before
// it is saved. Every message here can reach the user and the audit log, so none of them may
// contain the API key, and URLs are shown without credentials or query strings.

export interface ListProviderModelsOptions {
  baseUrl: string;
  apiKey?: string;
  timeoutMs?: number;
  authScheme?: AuthScheme;
}

export type ProviderCheckFailure = { ok: false; kind: "rejected" | "unreachable" | "bad_response"; message: string };
export type ProviderCheckResult = { ok: true; models: string[] } | ProviderCheckFailure;

const MAX_MESSAGE = 300;
// Bad request, bad key, no credit, forbidden, over quota: the provider's answer about this key.
const REJECTING_STATUSES = new Set([400, 401, 402, 403, 429]);
const ANTHROPIC_VERSION = "2023-06-01";

/** Origin and path only: a base URL may carry user:password or a ?key= that must not be echoed. */
function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function safeLocation(location: string, from: URL): string {
  try {
    return displayUrl(new URL(location, from));
  } catch {
    return "an invalid URL";
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function redact(text: string, apiKey: string | undefined): string {
  // Some providers echo the key they were given; keep it out of anything we pass on.
  return apiKey ? text.split(apiKey).join("[redacted]") : text;
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}

/** The provider's own words: OpenAI and Anthropic use {error:{message}}, others a string or plain text. */
function providerMessage(body: string): string {
  try {
    const json: unknown = JSON.parse(body);
    if (json && typeof json === "object") {
      const error = "error" in json ? json.error : undefined;
      if (typeof error === "string") return error;
      if (error && typeof error === "object" && "message" in error && typeof error.message === "string")
        return error.message;
      if ("message" in json && typeof json.message === "string") return json.message;
      if ("detail" in json && typeof json.detail === "string") return json.detail;
    }
  } catch {
    // Not JSON: the text itself is the message.
  }
  return body;
}

/** Node's fetch wraps socket errors as TypeError("fetch failed") with the real code in `cause`. */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause && typeof cause === "object") {
    if ("code" in cause && typeof cause.code === "string") return cause.code;
    // Happy-eyeballs failures arrive as an AggregateError of one error per address.
    if (cause instanceof AggregateError) {
      const first: unknown = cause.errors[0];
      if (first && typeof first === "object" && "code" in first && typeof first.code === "string") return first.code;
    }
    if (cause instanceof Error && cause.message) return cause.message;
  }
  return error instanceof Error ? error.message : "network error";
}

function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === "TimeoutError" || (error.cause instanceof Error && error.cause.name === "TimeoutError");
}

function authHeaders(apiKey: string | undefined, scheme: AuthScheme): Record<string, string> {
  if (!apiKey) return {};
  if (scheme === "anthropic") return { "x-api-key": apiKey, "anthropic-version": ANTHROPIC_VERSION };
  return { authorization: `Bearer ${apiKey}` };
}

export async function listProviderModels(options: ListProviderModelsOptions): Promise<ProviderCheckResult> {
  const { apiKey, timeoutMs = 10_000, authScheme = "bearer" } = options;

  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    return { ok: false, kind: "unreachable", message: "base URL is not a valid URL" };
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    return { ok: false, kind: "unreachable", message: "base URL must use http or https" };
  }
  if (base.username || base.password) {
    // fetch refuses such URLs with an error that quotes them, password included.
    return { ok: false, kind: "unreachable", message: "base URL must not contain a user name or password" };
  }
  const where = displayUrl(base);
  const endpoint = new URL(base);
  endpoint.pathname = `${base.pathname.replace(/\/+$/, "")}/models`;

  let status: number;
  let location: string | null;
  let body: string;
  try {
    // The signal covers reading the body too, so a server that stalls mid-answer still times out.
    const response = await fetch(endpoint, {
      method: "GET",
      headers: { accept: "application/json", ...authHeaders(apiKey, authScheme) },
      // Not followed: a redirect would carry an x-api-key header to wherever it points.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    location = response.headers.get("location");
    body = await response.text();
  } catch (error) {
    const reason = isTimeout(error) ? `timed out after ${seconds(timeoutMs)}` : networkReason(error);
    return { ok: false, kind: "unreachable", message: redact(`could not reach ${where} (${reason})`, apiKey) };
  }

  if (status >= 300 && status < 400) {
    const target = location ? ` to ${safeLocation(location, endpoint)}` : "";
    return {
      ok: false,
      kind: "bad_response",
      message: `${where}/models redirected${target}: use the final URL as base URL`,
    };
  }
  if (status < 200 || status >= 300) {
    const said = truncate(redact(providerMessage(body), apiKey)) || `HTTP ${status}`;
    if (REJECTING_STATUSES.has(status)) return { ok: false, kind: "rejected", message: said };
    // 404, 405 and 5xx mean a wrong URL or a broken server, not a refused key.
    return { ok: false, kind: "bad_response", message: `${where}/models answered HTTP ${status}: ${said}` };
  }

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, kind: "bad_response", message: `${where}/models did not answer with JSON` };
  }
  const data = json && typeof json === "object" && "data" in json ? json.data : undefined;
  if (!Array.isArray(data)) {
    return { ok: false, kind: "bad_response", message: `${where}/models did not answer with an OpenAI model list` };
  }
  const models = data.flatMap((item: unknown) =>
    item && typeof item === "object" && "id" in item && typeof item.id === "string" ? [item.id] : [],
  );
  return { ok: true, models };
}
