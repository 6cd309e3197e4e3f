import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFactory } from "./catalog";
import type { Credentials } from "./credentials";
import {
  startFakeProviderServer,
  type FakeProviderOptions,
  type FakeProviderServer,
  type RecordedCall,
} from "./fake-provider-server";
import { checkProvider } from "./provider-check";
import { refusedUrl } from "@/tests/support/models";

// Every check family against a local fake that verifies what the real provider verifies: the
// path, the key in the right header, the version headers, a valid signature. Each family: an
// accepted key, a refused key, an unreachable server and a malformed answer. The fakes listen on
// 127.0.0.1, so these calls allow private networks explicitly.

const KEY = "key-good-0123456789abcdef";
const SECRET = "secret-good-0123456789abcdef";
const WRONG = "wrong-0123456789abcdefghij";
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const PUBLIC_PEM = publicKey.export({ type: "spki", format: "pem" }).toString();
const CLIENT_EMAIL = "checker@keydesk-test.iam.gserviceaccount.com";
const serviceAccount = (pem: string) =>
  JSON.stringify({ type: "service_account", project_id: "keydesk-test", client_email: CLIENT_EMAIL, private_key: pem });
const OTHER_PEM = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();

type Family = {
  factory: string;
  good: Credentials;
  bad: Credentials;
  /** Where the fake sits for this protocol: its /v1 URL or its root. */
  base: (fake: FakeProviderServer) => string;
  /** What the accepted call must look like at the provider. */
  expectCall: (call: RecordedCall) => void;
  /** The field a refusal is about, when it is not the key. */
  refusedField?: string;
};

const bearerCall = (method: string, path: string) => (call: RecordedCall) => {
  expect(call).toMatchObject({ method, path });
  expect(call.headers.authorization).toBe(`Bearer ${KEY}`);
  expect(call.query).toEqual({});
};

const FAMILIES: Family[] = [
  {
    factory: "OpenAI",
    good: { api_key: KEY },
    bad: { api_key: WRONG },
    base: (f) => f.url,
    expectCall: bearerCall("GET", "/v1/models"),
  },
  {
    factory: "Cohere",
    good: { api_key: KEY },
    bad: { api_key: WRONG },
    base: (f) => f.url,
    expectCall: bearerCall("GET", "/v1/models"),
  },
  {
    factory: "Anthropic",
    good: { api_key: KEY },
    bad: { api_key: WRONG },
    base: (f) => f.url,
    expectCall: (call) => {
      expect(call).toMatchObject({ method: "GET", path: "/v1/models" });
      expect(call.headers["x-api-key"]).toBe(KEY);
      expect(call.headers["anthropic-version"]).toBe("2023-06-01");
      expect(call.headers.authorization).toBeUndefined();
    },
  },
  {
    factory: "Gemini",
    good: { api_key: KEY },
    bad: { api_key: WRONG },
    base: (f) => f.url,
    expectCall: (call) => {
      expect(call).toMatchObject({ method: "GET", path: "/v1/models", query: {} });
      expect(call.headers["x-goog-api-key"]).toBe(KEY);
      expect(call.headers.authorization).toBeUndefined();
    },
  },
  {
    factory: "Azure-OpenAI",
    good: { api_key: KEY, api_version: "2024-10-21" },
    bad: { api_key: WRONG, api_version: "2024-10-21" },
    base: (f) => f.origin,
    expectCall: (call) => {
      expect(call).toMatchObject({ method: "GET", path: "/openai/models", query: { "api-version": "2024-10-21" } });
      expect(call.headers["api-key"]).toBe(KEY);
      expect(call.headers.authorization).toBeUndefined();
    },
  },
  {
    factory: "Bedrock",
    good: { access_key_id: KEY, secret_access_key: SECRET, region: "us-east-1" },
    bad: { access_key_id: KEY, secret_access_key: WRONG, region: "us-east-1" },
    base: (f) => f.origin,
    expectCall: (call) => {
      expect(call).toMatchObject({ method: "GET", path: "/foundation-models" });
      expect(call.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=key-good-0123456789abcdef\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=[a-z;-]+, Signature=[0-9a-f]{64}$/,
      );
      expect(call.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
      expect(JSON.stringify(call)).not.toContain(SECRET);
    },
  },
  {
    factory: "BaiduYiyan",
    good: { api_key: KEY, secret_key: SECRET },
    bad: { api_key: KEY, secret_key: WRONG },
    base: (f) => f.origin,
    expectCall: (call) => {
      expect(call).toMatchObject({ method: "POST", path: "/oauth/2.0/token", query: {} });
      expect(call.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(Object.fromEntries(new URLSearchParams(call.body))).toEqual({
        grant_type: "client_credentials",
        client_id: KEY,
        client_secret: SECRET,
      });
    },
  },
  {
    factory: "Google Cloud",
    good: { project_id: "keydesk-test", region: "us-central1", service_account_json: serviceAccount(PRIVATE_PEM) },
    bad: { project_id: "keydesk-test", region: "us-central1", service_account_json: serviceAccount(OTHER_PEM) },
    base: (f) => f.origin,
    expectCall: (call) => {
      expect(call).toMatchObject({ method: "POST", path: "/token", query: {} });
      const form = new URLSearchParams(call.body);
      expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
      expect(form.get("assertion")).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
      expect(call.body).not.toContain("PRIVATE");
    },
  },
  {
    factory: "Tencent Hunyuan",
    good: { secret_id: KEY, secret_key: SECRET },
    bad: { secret_id: KEY, secret_key: WRONG },
    base: (f) => f.origin,
    expectCall: (call) => {
      expect(call).toMatchObject({ method: "POST", path: "/" });
      expect(call.headers["x-tc-action"]).toBe("GetTokenCount");
      expect(call.headers["x-tc-version"]).toBe("2023-09-01");
      expect(call.headers.authorization).toMatch(
        /^TC3-HMAC-SHA256 Credential=key-good-0123456789abcdef\/\d{4}-\d{2}-\d{2}\/hunyuan\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/,
      );
    },
  },
  {
    factory: "OpenRouter",
    good: { api_key: KEY },
    bad: { api_key: WRONG },
    base: (f) => f.url,
    expectCall: bearerCall("GET", "/v1/key"),
  },
  {
    factory: "Replicate",
    good: { api_key: KEY },
    bad: { api_key: WRONG },
    base: (f) => f.url,
    expectCall: bearerCall("GET", "/v1/account"),
  },
  {
    factory: "Fish Audio",
    good: { api_key: KEY, reference_id: "voice-1" },
    bad: { api_key: WRONG, reference_id: "voice-1" },
    base: (f) => f.origin,
    expectCall: bearerCall("GET", "/model/voice-1"),
  },
  {
    factory: "Jina",
    good: { api_key: KEY },
    bad: { api_key: WRONG },
    base: (f) => f.url,
    expectCall: (call) => {
      bearerCall("POST", "/v1/embeddings")(call);
      expect(JSON.parse(call.body)).toEqual({ model: "jina-embeddings-v3", input: ["ping"] });
    },
  },
  {
    factory: "VolcEngine",
    good: { api_key: KEY, endpoint_id: "ep-good" },
    bad: { api_key: WRONG, endpoint_id: "ep-good" },
    base: (f) => f.url,
    expectCall: (call) => {
      bearerCall("POST", "/v1/chat/completions")(call);
      expect(JSON.parse(call.body)).toMatchObject({ model: "ep-good", max_tokens: 1 });
    },
  },
  {
    factory: "vLLM",
    good: { api_key: KEY },
    bad: { api_key: WRONG },
    base: (f) => f.url,
    expectCall: bearerCall("GET", "/v1/models"),
  },
  {
    factory: "Ollama",
    good: { api_key: KEY },
    bad: { api_key: WRONG },
    base: (f) => f.origin,
    expectCall: bearerCall("GET", "/api/tags"),
  },
];

const FAKE: FakeProviderOptions = {
  acceptKey: KEY,
  acceptSecret: SECRET,
  models: ["model-a", "model-b"],
  referenceId: "voice-1",
  endpointId: "ep-good",
  googlePublicKey: PUBLIC_PEM,
  googleClientEmail: CLIENT_EMAIL,
};

let fake: FakeProviderServer;
let malformed: FakeProviderServer;
let closed: string;
beforeAll(async () => {
  fake = await startFakeProviderServer(FAKE);
  malformed = await startFakeProviderServer({ ...FAKE, malformed: true });
  closed = new URL(await refusedUrl()).origin;
});
afterAll(async () => {
  await fake.close();
  await malformed.close();
});

function check(family: Family, credentials: Credentials, baseUrl: string) {
  const factory = findFactory(family.factory);
  if (!factory) throw new Error(`no factory ${family.factory}`);
  // Bedrock's base URL is the Bedrock/Baidu/Google root when pointed at the fake.
  return checkProvider({ factory, credentials, baseUrl, timeoutMs: 5_000, allowPrivate: true });
}

describe.each(FAMILIES.map((family) => [family.factory, family] as const))("%s check", (_, family) => {
  it("accepts the right credentials with one call in its own protocol", async () => {
    const before = fake.calls.length;
    const result = await check(family, family.good, family.base(fake));
    expect(result).toMatchObject({ ok: true });
    const calls = fake.calls.slice(before);
    // Ollama asks /api/show about each listed model after the one /api/tags check.
    expect(calls.filter((call) => call.path !== "/api/show")).toHaveLength(1);
    family.expectCall(calls[0]);
    for (const call of calls) expect(JSON.stringify(call.query)).not.toMatch(/key|secret/i);
  });

  it("says the key was refused, without repeating a secret", async () => {
    const result = await check(family, family.bad, family.base(fake));
    expect(result).toMatchObject({ ok: false, kind: "rejected" });
    const text = JSON.stringify(result);
    expect(text).not.toContain(WRONG);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("PRIVATE KEY");
    if (!result.ok) expect(result.message.length).toBeLessThanOrEqual(300);
  });

  it("reports an unreachable server", async () => {
    const base = family.base(fake).replace(fake.origin, closed);
    const result = await check(family, family.good, base);
    expect(result).toMatchObject({ ok: false, kind: "unreachable" });
    expect(result.ok || result.message).toMatch(/^could not reach http:\/\/127\.0\.0\.1:\d+.* \(ECONNREFUSED\)$/);
  });

  it("calls an HTML page a bad response and never repeats its body", async () => {
    const result = await check(family, family.good, family.base(malformed));
    expect(result).toMatchObject({ ok: false, kind: "bad_response" });
    expect(JSON.stringify(result)).not.toContain("It works");
  });
});

describe("protocol details", () => {
  it("lists the models a server reports, with catalog types where it knows the name", async () => {
    const openai = findFactory("OpenAI");
    const server = await startFakeProviderServer({ acceptKey: KEY, models: ["gpt-4o", "ft:custom"] });
    try {
      const result =
        openai &&
        (await checkProvider({
          factory: openai,
          credentials: { api_key: KEY },
          baseUrl: server.url,
          timeoutMs: 5_000,
          allowPrivate: true,
        }));
      expect(result).toEqual({
        ok: true,
        message: "2 models listed",
        models: [
          { name: "gpt-4o", types: ["chat", "image2text"], maxTokens: 128000 },
          { name: "ft:custom", types: [], maxTokens: 0 },
        ],
      });
    } finally {
      await server.close();
    }
  });

  it("tells Ollama's embedding models from chat ones by /api/show capabilities", async () => {
    const ollama = findFactory("Ollama");
    const server = await startFakeProviderServer({
      acceptKey: KEY,
      ollamaModels: [
        { name: "nomic-embed-text:latest", capabilities: ["embedding"], contextLength: 8192 },
        { name: "llava:7b", capabilities: ["completion", "vision"], contextLength: 4096 },
        { name: "old-model:1b" },
      ],
    });
    try {
      // A base URL copied from an OpenAI client (…/v1) still finds Ollama's own API.
      const result =
        ollama &&
        (await checkProvider({
          factory: ollama,
          credentials: {},
          baseUrl: server.url,
          timeoutMs: 5_000,
          allowPrivate: true,
        }));
      expect(result).toMatchObject({
        ok: true,
        models: [
          { name: "nomic-embed-text:latest", types: ["embedding"], maxTokens: 8192 },
          { name: "llava:7b", types: ["chat", "image2text"], maxTokens: 4096 },
          { name: "old-model:1b", types: [], maxTokens: 4096 },
        ],
      });
      expect(server.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
        "GET /api/tags",
        "POST /api/show",
        "POST /api/show",
        "POST /api/show",
      ]);
    } finally {
      await server.close();
    }
  });

  it("reports Fish Audio's unknown reference id at its own field", async () => {
    const family = FAMILIES.find((candidate) => candidate.factory === "Fish Audio");
    const result = family && (await check(family, { api_key: KEY, reference_id: "no-such-voice" }, fake.origin));
    expect(result).toMatchObject({ ok: false, kind: "rejected", field: "reference_id" });
  });

  it("reports VolcEngine's unknown endpoint id at its own field", async () => {
    const family = FAMILIES.find((candidate) => candidate.factory === "VolcEngine");
    const result = family && (await check(family, { api_key: KEY, endpoint_id: "ep-missing" }, fake.url));
    expect(result).toMatchObject({ ok: false, kind: "rejected", field: "endpoint_id" });
  });

  it("does not follow a provider's redirect to a private address, and says where it pointed", async () => {
    const openai = findFactory("OpenAI");
    const server = await startFakeProviderServer({
      acceptKey: KEY,
      redirectTo: "http://169.254.169.254/latest/meta-data/?token=x",
    });
    try {
      const result =
        openai &&
        (await checkProvider({
          factory: openai,
          credentials: { api_key: KEY },
          baseUrl: server.url,
          timeoutMs: 5_000,
          allowPrivate: true,
        }));
      expect(result).toEqual({
        ok: false,
        kind: "bad_response",
        message: `${server.url}/models redirected to http://169.254.169.254/latest/meta-data: use the final URL as base URL`,
      });
      expect(server.calls).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("refuses a hosted factory on a private network unless allowed", async () => {
    const openai = findFactory("OpenAI");
    const result =
      openai &&
      (await checkProvider({
        factory: openai,
        credentials: { api_key: KEY },
        baseUrl: fake.url,
        timeoutMs: 5_000,
        allowPrivate: false,
      }));
    expect(result).toMatchObject({ ok: false, kind: "blocked" });
    expect(result?.ok || result?.message).toMatch(
      /^refused to call http:\/\/127\.0\.0\.1:\d+\/v1: 127\.0\.0\.1 is on a private network/,
    );
  });
});
