import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { fakeRoutes, type FakeAnswer, type FakeProviderOptions } from "./fake-provider-routes";

// A real HTTP server that answers like each provider family does (OpenAI-style lists, Anthropic,
// Gemini, Azure, Bedrock SigV4, Baidu and Google OAuth, Tencent TC3, Ollama, …), for unit,
// integration and e2e tests of provider checks. It checks the exact path, headers and signature
// it receives. A test fixture, not app code: nothing in app/ imports it.

export type { FakeProviderOptions } from "./fake-provider-routes";

export interface RecordedRequest {
  method: string;
  path: string;
  /** The key the caller presented as a bearer token or an x-api-key header; null when none. */
  apiKey: string | null;
}

/** Everything a request carried, for tests that assert the exact headers of a protocol. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

export interface FakeProviderServer {
  /** Base URL including /v1, as an OpenAI-style base_url would be. */
  url: string;
  /** The server root, for protocols whose base URL has no /v1 (Bedrock, Baidu, Ollama, …). */
  origin: string;
  requests: RecordedRequest[];
  calls: RecordedCall[];
  close(): Promise<void>;
}

function presentedKey(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) return auth.slice("Bearer ".length);
  const xApiKey = req.headers["x-api-key"];
  return typeof xApiKey === "string" ? xApiKey : null;
}

function send(res: ServerResponse, answer: FakeAnswer): void {
  if (answer.raw !== undefined) {
    res.writeHead(answer.status, { "content-type": "text/html", ...answer.headers });
    res.end(answer.raw);
    return;
  }
  res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
  res.end(JSON.stringify(answer.json ?? null));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeProviderServer(options: FakeProviderOptions): Promise<FakeProviderServer> {
  const requests: RecordedRequest[] = [];
  const calls: RecordedCall[] = [];
  const host = options.host ?? "127.0.0.1";
  let origin = "";

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const body = await readBody(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value]] : [])),
    );
    requests.push({ method: req.method ?? "GET", path: url.pathname, apiKey: presentedKey(req) });
    calls.push({
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
    });
    const answer = async () => {
      if (options.malformed) return send(res, { status: 200, raw: "<html>It works!</html>" });
      send(res, await fakeRoutes({ method: req.method ?? "GET", url, headers, body, origin }, options));
    };
    if (options.delayMs) setTimeout(() => void answer(), options.delayMs);
    else await answer();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host}:${port}`;

  return {
    url: `${origin}/v1`,
    origin,
    requests,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // A delayed answer may still hold a socket open; close it so tests do not hang.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

// Standalone: `tsx lib/models/fake-provider-server.ts --port N --key K [--models a,b]` for e2e runs.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { port: { type: "string", default: "0" }, key: { type: "string" }, models: { type: "string" } },
  });
  if (!values.key) {
    console.error("usage: fake-provider-server --port N --key K [--models a,b]");
    process.exit(2);
  }
  const fake = await startFakeProviderServer({
    acceptKey: values.key,
    port: Number(values.port),
    models: values.models?.split(",").filter(Boolean),
  });
  console.log(fake.url);
}
