import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "./fake-openai-server";
import { listProviderModels } from "./provider-check";

const GOOD_KEY = "sk-test-good-0123456789abcdefghij";
const BAD_KEY = "sk-test-bad-0123456789abcdefghij";

/** A one-off real server for the odd cases the fake does not cover. */
async function rawServer(handler: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server };
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe("listProviderModels against a real local server", () => {
  let fake: FakeOpenAiServer;

  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ acceptKey: GOOD_KEY, models: ["gpt-4o-mini", "text-embedding-3-small"] });
  });
  afterAll(() => fake.close());

  it("lists the models for the accepted key with one GET /v1/models", async () => {
    const before = fake.requests.length;
    const result = await listProviderModels({ baseUrl: fake.url, apiKey: GOOD_KEY });
    expect(result).toEqual({ ok: true, models: ["gpt-4o-mini", "text-embedding-3-small"] });
    expect(fake.requests.slice(before)).toEqual([{ method: "GET", path: "/v1/models", apiKey: GOOD_KEY }]);
  });

  it("ignores a trailing slash on the base URL", async () => {
    const result = await listProviderModels({ baseUrl: `${fake.url}/`, apiKey: GOOD_KEY });
    expect(result.ok).toBe(true);
    expect(fake.requests.at(-1)?.path).toBe("/v1/models");
  });

  it("sends Anthropic-style headers when asked", async () => {
    const result = await listProviderModels({ baseUrl: fake.url, apiKey: GOOD_KEY, authScheme: "anthropic" });
    expect(result.ok).toBe(true);
  });

  it("passes on the provider's message for a refused key, without the key", async () => {
    const result = await listProviderModels({ baseUrl: fake.url, apiKey: BAD_KEY });
    expect(result).toEqual({ ok: false, kind: "rejected", message: "Incorrect API key provided" });
    expect(fake.requests.at(-1)?.apiKey).toBe(BAD_KEY);
  });

  it("is rejected without a key", async () => {
    const result = await listProviderModels({ baseUrl: fake.url });
    expect(result).toMatchObject({ ok: false, kind: "rejected" });
    expect(fake.requests.at(-1)?.apiKey).toBeNull();
  });

  it("calls a wrong path a bad response, not a refused key", async () => {
    const result = await listProviderModels({ baseUrl: fake.url.replace(/\/v1$/, "/v2"), apiKey: GOOD_KEY });
    expect(result).toMatchObject({ ok: false, kind: "bad_response" });
    expect(result.ok || result.message).toMatch(/answered HTTP 404/);
  });
});

describe("listProviderModels failures", () => {
  it("reports a closed port as unreachable with the reason", async () => {
    const { url, server } = await rawServer(() => undefined);
    await stop(server);
    const result = await listProviderModels({ baseUrl: url, apiKey: GOOD_KEY });
    expect(result).toEqual({ ok: false, kind: "unreachable", message: `could not reach ${url} (ECONNREFUSED)` });
  });

  it("times out on a slow server", async () => {
    const fake = await startFakeOpenAiServer({ acceptKey: GOOD_KEY, delayMs: 2_000 });
    try {
      const started = Date.now();
      const result = await listProviderModels({ baseUrl: fake.url, apiKey: GOOD_KEY, timeoutMs: 200 });
      expect(result).toEqual({
        ok: false,
        kind: "unreachable",
        message: `could not reach ${fake.url} (timed out after 0.2 s)`,
      });
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await fake.close();
    }
  });

  it("calls non-JSON a bad response", async () => {
    const { url, server } = await rawServer((_, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>It works!</html>");
    });
    try {
      const result = await listProviderModels({ baseUrl: url, apiKey: GOOD_KEY });
      expect(result).toEqual({ ok: false, kind: "bad_response", message: `${url}/models did not answer with JSON` });
    } finally {
      await stop(server);
    }
  });

  it("calls JSON without a data list a bad response", async () => {
    const { url, server } = await rawServer((_, res) => res.end(JSON.stringify({ models: [] })));
    try {
      expect(await listProviderModels({ baseUrl: url })).toMatchObject({ ok: false, kind: "bad_response" });
    } finally {
      await stop(server);
    }
  });

  it("never repeats the key, even when the provider echoes it, and truncates long messages", async () => {
    const { url, server } = await rawServer((req, res) => {
      res.writeHead(401, { "content-type": "text/plain" });
      res.end(`bad key ${req.headers.authorization} ${"x".repeat(1000)}`);
    });
    try {
      const result = await listProviderModels({ baseUrl: url, apiKey: BAD_KEY });
      expect(result).toMatchObject({ ok: false, kind: "rejected" });
      const message = result.ok ? "" : result.message;
      expect(message).not.toContain(BAD_KEY);
      expect(message).toContain("[redacted]");
      expect(message.length).toBeLessThanOrEqual(300);
    } finally {
      await stop(server);
    }
  });

  it("does not follow redirects, which would carry the key elsewhere", async () => {
    const { url, server } = await rawServer((_, res) => {
      res.writeHead(302, { location: "http://127.0.0.1:1/elsewhere?token=x" });
      res.end();
    });
    try {
      const result = await listProviderModels({ baseUrl: url, apiKey: GOOD_KEY });
      expect(result).toEqual({
        ok: false,
        kind: "bad_response",
        message: `${url}/models redirected to http://127.0.0.1:1/elsewhere: use the final URL as base URL`,
      });
    } finally {
      await stop(server);
    }
  });

  it.each(["not a url", "ftp://example.com/v1", "http://user:secret@127.0.0.1:1/v1"])(
    "refuses the base URL %j before calling",
    async (baseUrl) => {
      const result = await listProviderModels({ baseUrl, apiKey: GOOD_KEY });
      expect(result).toMatchObject({ ok: false, kind: "unreachable" });
      expect(result.ok || result.message).not.toContain("secret");
    },
  );
});
