import { AwsV4Signer } from "aws4fetch";
import { importSPKI, jwtVerify } from "jose";
import { ANTHROPIC_VERSION } from "./checks/protocol-versions";
import { tc3Authorization } from "./checks/tc3-signature";

// The answers of fake-provider-server.ts, one protocol per route, each checking what a real
// provider checks: the key in the right header, the version headers, a valid signature.

export interface FakeOllamaModel {
  name: string;
  /** Omitted: an Ollama older than 0.6, whose /api/show says nothing about capabilities. */
  capabilities?: string[];
  contextLength?: number;
}

export interface FakeProviderOptions {
  /** The bearer key, x-api-key, x-goog-api-key, api-key, AWS access key id, Baidu client id or Tencent SecretId. */
  acceptKey: string;
  /** The second half where a protocol has one: AWS secret key, Baidu secret key, Tencent SecretKey. */
  acceptSecret?: string;
  models?: string[];
  ollamaModels?: FakeOllamaModel[];
  referenceId?: string;
  endpointId?: string;
  azureApiVersion?: string;
  googlePublicKey?: string;
  googleClientEmail?: string;
  /** Answers every request with a 302 to this URL. */
  redirectTo?: string;
  /** Answers every request with 200 and an HTML page. */
  malformed?: boolean;
  delayMs?: number;
  port?: number;
  host?: string;
}

export interface FakeRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
  origin: string;
}

export type FakeAnswer = { status: number; json?: unknown; raw?: string; headers?: Record<string, string> };

const DEFAULT_MODELS = ["gpt-4o-mini", "text-embedding-3-small", "whisper-1", "tts-1"];

const json = (status: number, body: unknown): FakeAnswer => ({ status, json: body });
const openAiError = (status: number, message: string, code: string | null) =>
  json(status, { error: { message, type: "invalid_request_error", param: null, code } });

function bearerKey(request: FakeRequest): string | null {
  const auth = request.headers.authorization;
  return auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : null;
}

function bearerModels(request: FakeRequest, options: FakeProviderOptions): FakeAnswer {
  const key = bearerKey(request);
  if (key === null) return openAiError(401, "You didn't provide an API key.", null);
  if (key !== options.acceptKey) return openAiError(401, "Incorrect API key provided", "invalid_api_key");
  const data = (options.models ?? DEFAULT_MODELS).map((id) => ({ id, object: "model", owned_by: "keydesk-fake" }));
  return json(200, { object: "list", data });
}

function anthropicModels(request: FakeRequest, options: FakeProviderOptions): FakeAnswer {
  if (request.headers["anthropic-version"] !== ANTHROPIC_VERSION)
    return json(400, {
      type: "error",
      error: { type: "invalid_request_error", message: "anthropic-version header is required" },
    });
  if (request.headers["x-api-key"] !== options.acceptKey)
    return json(401, { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
  return json(200, { data: (options.models ?? DEFAULT_MODELS).map((id) => ({ id, type: "model" })), has_more: false });
}

function geminiModels(request: FakeRequest, options: FakeProviderOptions): FakeAnswer {
  if (request.url.searchParams.has("key")) return json(400, { error: { code: 400, message: "key in the URL" } });
  if (request.headers["x-goog-api-key"] !== options.acceptKey)
    return json(400, {
      error: { code: 400, message: "API key not valid. Please pass a valid API key.", status: "INVALID_ARGUMENT" },
    });
  return json(200, { models: (options.models ?? DEFAULT_MODELS).map((name) => ({ name: `models/${name}` })) });
}

function azureModels(request: FakeRequest, options: FakeProviderOptions): FakeAnswer {
  if (request.url.searchParams.get("api-version") !== (options.azureApiVersion ?? "2024-10-21"))
    return json(404, { error: { code: "404", message: "Resource not found" } });
  if (request.headers["api-key"] !== options.acceptKey)
    return json(401, {
      error: { code: "401", message: "Access denied due to invalid subscription key or wrong API endpoint." },
    });
  return json(200, { data: (options.models ?? DEFAULT_MODELS).map((id) => ({ id, object: "model" })) });
}

async function bedrockModels(request: FakeRequest, options: FakeProviderOptions): Promise<FakeAnswer> {
  const auth =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([a-z0-9-]+)\/bedrock\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$/.exec(
      request.headers.authorization ?? "",
    );
  if (!auth) return json(403, { message: "Missing Authentication Token" });
  if (auth[1] !== options.acceptKey)
    return json(403, { message: "The security token included in the request is invalid." });
  const signedHeaders = Object.fromEntries(
    auth[3]
      .split(";")
      .filter((name) => name !== "host")
      .map((name) => [name, request.headers[name] ?? ""]),
  );
  const expected = await new AwsV4Signer({
    method: request.method,
    url: `${request.origin}${request.url.pathname}${request.url.search}`,
    headers: signedHeaders,
    accessKeyId: options.acceptKey,
    secretAccessKey: options.acceptSecret ?? "",
    service: "bedrock",
    region: auth[2],
    datetime: request.headers["x-amz-date"],
  }).authHeader();
  if (expected !== request.headers.authorization)
    return json(403, { message: "The request signature we calculated does not match the signature you provided." });
  return json(200, { modelSummaries: (options.models ?? DEFAULT_MODELS).map((modelId) => ({ modelId })) });
}

function baiduToken(request: FakeRequest, options: FakeProviderOptions): FakeAnswer {
  if (request.url.search !== "")
    return json(400, { error: "invalid_request", error_description: "credentials in the URL" });
  const form = new URLSearchParams(request.body);
  if (form.get("grant_type") !== "client_credentials") return json(400, { error: "unsupported_grant_type" });
  if (form.get("client_id") !== options.acceptKey)
    return json(400, { error: "invalid_client", error_description: "unknown client id" });
  if (form.get("client_secret") !== options.acceptSecret)
    return json(401, { error: "invalid_client", error_description: "Client authentication failed" });
  return json(200, { access_token: "24.fake-access-token", expires_in: 2592000 });
}

async function googleToken(request: FakeRequest, options: FakeProviderOptions): Promise<FakeAnswer> {
  const form = new URLSearchParams(request.body);
  if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer")
    return json(400, { error: "unsupported_grant_type", error_description: "Invalid grant_type" });
  try {
    const key = await importSPKI(options.googlePublicKey ?? "", "RS256");
    const { payload } = await jwtVerify(form.get("assertion") ?? "", key, {
      issuer: options.googleClientEmail,
      audience: `${request.origin}/token`,
    });
    if (payload.scope !== "https://www.googleapis.com/auth/cloud-platform") throw new Error("scope");
  } catch {
    return json(400, { error: "invalid_grant", error_description: "Invalid JWT Signature." });
  }
  return json(200, { access_token: "ya29.fake", expires_in: 3599, token_type: "Bearer" });
}

function tencentError(code: string, message: string): FakeAnswer {
  return json(200, { Response: { Error: { Code: code, Message: message }, RequestId: "fake-request" } });
}

function tencentAction(request: FakeRequest, options: FakeProviderOptions): FakeAnswer {
  if (request.headers["x-tc-action"] !== "GetTokenCount" || request.headers["x-tc-version"] !== "2023-09-01")
    return tencentError("InvalidAction", "The action or version is not valid.");
  const credential =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/\d{4}-\d{2}-\d{2}\/hunyuan\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/.exec(
      request.headers.authorization ?? "",
    );
  if (!credential) return tencentError("AuthFailure.InvalidAuthorization", "Authorization is not valid.");
  if (credential[1] !== options.acceptKey)
    return tencentError("AuthFailure.SecretIdNotFound", "The SecretId is not found.");
  const expected = tc3Authorization({
    secretId: options.acceptKey,
    secretKey: options.acceptSecret ?? "",
    host: request.headers.host ?? "",
    payload: request.body,
    timestamp: Number(request.headers["x-tc-timestamp"]),
  });
  if (expected !== request.headers.authorization)
    return tencentError("AuthFailure.SignatureFailure", "The provided credentials could not be validated.");
  return json(200, { Response: { TokenCount: 1, CharacterCount: 4, Tokens: ["ping"], RequestId: "fake-request" } });
}

function ollamaList(options: FakeProviderOptions): FakeOllamaModel[] {
  return options.ollamaModels ?? (options.models ?? DEFAULT_MODELS).map((name) => ({ name }));
}

function ollamaTags(request: FakeRequest, options: FakeProviderOptions): FakeAnswer {
  const key = bearerKey(request);
  if (key !== null && key !== options.acceptKey) return json(401, { error: "unauthorized" });
  return json(200, { models: ollamaList(options).map(({ name }) => ({ name, model: name, details: {} })) });
}

function ollamaShow(request: FakeRequest, options: FakeProviderOptions): FakeAnswer {
  const asked: unknown = JSON.parse(request.body || "{}");
  const name = asked && typeof asked === "object" ? (asked as Record<string, unknown>).model : undefined;
  const model = ollamaList(options).find((candidate) => candidate.name === name);
  if (!model) return json(404, { error: `model '${String(name)}' not found` });
  return json(200, {
    ...(model.capabilities ? { capabilities: model.capabilities } : {}),
    model_info: { "general.architecture": "llama", "llama.context_length": model.contextLength ?? 4096 },
  });
}

function bearerOnly(request: FakeRequest, options: FakeProviderOptions, ok: unknown, refused: FakeAnswer): FakeAnswer {
  return bearerKey(request) === options.acceptKey ? json(200, ok) : refused;
}

export async function fakeRoutes(request: FakeRequest, options: FakeProviderOptions): Promise<FakeAnswer> {
  if (options.redirectTo) return { status: 302, json: {}, headers: { location: options.redirectTo } };
  const { method, url, headers } = request;
  const route = `${method} ${url.pathname}`;
  if (route === "GET /v1/models") {
    if (headers["x-goog-api-key"] !== undefined) return geminiModels(request, options);
    if (headers["x-api-key"] !== undefined) return anthropicModels(request, options);
    return bearerModels(request, options);
  }
  if (route === "GET /openai/models") return azureModels(request, options);
  if (route === "GET /foundation-models") return bedrockModels(request, options);
  if (route === "POST /oauth/2.0/token") return baiduToken(request, options);
  if (route === "POST /token") return googleToken(request, options);
  if (route === "POST /") return tencentAction(request, options);
  if (route === "GET /api/tags") return ollamaTags(request, options);
  if (route === "POST /api/show") return ollamaShow(request, options);
  if (route === "GET /v1/key")
    return bearerOnly(
      request,
      options,
      { data: { label: "fake", usage: 0, limit: null } },
      json(401, { error: { message: "No auth credentials found", code: 401 } }),
    );
  if (route === "GET /v1/account")
    return bearerOnly(
      request,
      options,
      { type: "user", username: "fake" },
      json(401, { title: "Unauthenticated", detail: "You did not pass a valid authentication token", status: 401 }),
    );
  if (method === "GET" && url.pathname.startsWith("/model/")) {
    if (bearerKey(request) !== options.acceptKey) return json(401, { status: 401, message: "Invalid token" });
    const id = decodeURIComponent(url.pathname.slice("/model/".length));
    if (id !== options.referenceId) return json(404, { status: 404, message: "Model not found" });
    return json(200, { _id: id, title: "Fake voice", type: "tts" });
  }
  if (route === "POST /v1/embeddings")
    return bearerOnly(
      request,
      options,
      { data: [{ embedding: [0.1, 0.2], index: 0 }], usage: { total_tokens: 1 } },
      json(401, { detail: "Unauthorized" }),
    );
  if (route === "POST /v1/chat/completions") {
    if (bearerKey(request) !== options.acceptKey)
      return json(401, {
        error: { code: "AuthenticationError", message: "The API key in the request is missing or invalid." },
      });
    const asked: unknown = JSON.parse(request.body || "{}");
    const model = asked && typeof asked === "object" ? (asked as Record<string, unknown>).model : undefined;
    if (model !== options.endpointId)
      return json(404, {
        error: {
          code: "InvalidEndpointOrModel.NotFound",
          message: "The model or endpoint does not exist or you do not have access to it.",
        },
      });
    return json(200, { choices: [{ index: 0, message: { role: "assistant", content: "pong" } }] });
  }
  return openAiError(404, `Unknown request URL: ${method} ${url.pathname}`, "unknown_url");
}
