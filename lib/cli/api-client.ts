// HTTP client for the Keydesk REST API (SPEC §4), as the CLI sees it: every answer is
// the `{code, data, message}` envelope, and anything but success becomes a CliApiError.

export const DEFAULT_URL = "http://localhost:3000";
const API_BASE = "/api/v1";
// Adding a model provider may wait up to 10 s on the provider itself (SPEC §4).
const DEFAULT_TIMEOUT_MS = 60_000;

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";
export type FieldErrors = Record<string, string[]>;

export class CliApiError extends Error {
  /** The HTTP status, or 0 when no HTTP answer arrived (network error, timeout, no key). */
  readonly status: number;
  readonly fields?: FieldErrors;

  constructor(status: number, message: string, fields?: FieldErrors) {
    super(message);
    this.name = "CliApiError";
    this.status = status;
    if (fields !== undefined) this.fields = fields;
  }
}

export interface ApiClientOptions {
  /** KEYDESK_URL; may carry a path prefix when Keydesk sits behind a proxy. */
  baseUrl?: string;
  /** KEYDESK_API_KEY */
  apiKey?: string;
  timeoutMs?: number;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** false for endpoints that take no credentials (keys/verify): the admin key stays home. */
  auth?: boolean;
}

// An API key anywhere in a path or query, however it was encoded (SPEC §3's format, any prefix).
const SECRET_IN_TEXT = /(?<![A-Za-z0-9])[A-Za-z0-9]+_[A-Za-z0-9]{38}(?![A-Za-z0-9])/;

/** True when a URL would carry something shaped like a key's secret, so it must not be sent. */
export function urlCarriesSecret(url: string): boolean {
  const { pathname, search } = new URL(url);
  let decoded = `${pathname}${search}`;
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A malformed escape cannot hide a secret from the raw text check below.
  }
  return SECRET_IN_TEXT.test(decoded) || SECRET_IN_TEXT.test(`${pathname}${search}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readFieldErrors(data: unknown): FieldErrors | undefined {
  if (!isRecord(data) || !isRecord(data.fields)) return undefined;
  const fields: FieldErrors = {};
  for (const [name, messages] of Object.entries(data.fields)) {
    fields[name] = Array.isArray(messages) ? messages.map(String) : [String(messages)];
  }
  return fields;
}

interface Envelope {
  code: unknown;
  data: unknown;
  message: string;
}

function parseEnvelope(text: string): Envelope | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || !("code" in parsed)) return undefined;
  const message = typeof parsed.message === "string" ? parsed.message : "";
  return { code: parsed.code, data: parsed.data, message };
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "request timed out";
  if (error instanceof Error) {
    const cause: unknown = error.cause;
    if (isRecord(cause) && typeof cause.code === "string") return cause.code;
    if (cause instanceof Error) return cause.message;
    return error.message;
  }
  return String(error);
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly apiKey: string | undefined;
  private readonly timeoutMs: number;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_URL).replace(/\/+$/, "");
    this.apiKey = options.apiKey || undefined;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Builds the URL of an API path such as `/admin/users`; path segments must be encoded by the caller. */
  url(path: string, query?: RequestOptions["query"]): string {
    const url = new URL(`${this.baseUrl}${API_BASE}${path}`);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  /** Sends one request and returns the envelope's `data`. */
  async request(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<unknown> {
    const headers: Record<string, string> = { accept: "application/json", "user-agent": "keydesk-cli" };
    if (options.auth !== false) {
      if (!this.apiKey) {
        throw new CliApiError(0, "KEYDESK_API_KEY is not set: export an API key (admin-scoped for user statements)");
      }
      headers.authorization = `Bearer ${this.apiKey}`;
    }
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }

    const url = this.url(path, options.query);
    // The last line of defence for SPEC §6: whatever a statement does with its arguments, a secret
    // never reaches a URL (access logs keep URLs). Statements resolve secrets through bodies instead.
    if (urlCarriesSecret(url)) {
      throw new CliApiError(
        0,
        "refusing to send an API key secret in a URL; give the key's id, or the secret where a key is expected",
      );
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new CliApiError(0, `cannot reach Keydesk at ${this.baseUrl}: ${describeNetworkError(error)}`);
    }
    return this.readEnvelope(response);
  }

  private async readEnvelope(response: Response): Promise<unknown> {
    const envelope = parseEnvelope(await response.text());
    if (!response.ok || (envelope !== undefined && envelope.code !== 0)) {
      // A 2xx whose envelope says otherwise is still an error; trust the envelope's code then.
      const status = response.ok && typeof envelope?.code === "number" ? envelope.code : response.status;
      let message = envelope?.message || `HTTP ${response.status} ${response.statusText}`.trim();
      const retryAfter = response.headers.get("retry-after");
      if (status === 429 && retryAfter) message += ` (retry after ${retryAfter} s)`;
      throw new CliApiError(status, message, readFieldErrors(envelope?.data));
    }
    if (envelope === undefined) {
      throw new CliApiError(
        response.status,
        `unexpected answer from ${this.baseUrl} (not a Keydesk API response); check KEYDESK_URL`,
      );
    }
    return envelope.data;
  }

  get(path: string, query?: RequestOptions["query"]): Promise<unknown> {
    return this.request("GET", path, { query });
  }

  post(path: string, body: unknown = {}, options: Omit<RequestOptions, "body"> = {}): Promise<unknown> {
    return this.request("POST", path, { ...options, body });
  }

  patch(path: string, body: unknown): Promise<unknown> {
    return this.request("PATCH", path, { body });
  }

  delete(path: string, body?: unknown): Promise<unknown> {
    return this.request("DELETE", path, { body });
  }
}
