import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

// A real HTTP server that answers OpenAI's list-models call, for unit, integration and e2e
// tests of provider checks. It is a test fixture, not app code: nothing in app/ imports it.

export interface FakeOpenAiServerOptions {
  /** The one key it accepts, as a bearer token or an Anthropic-style x-api-key header. */
  acceptKey: string;
  models?: string[];
  /** Waits this long before answering, to exercise time-outs. */
  delayMs?: number;
  port?: number;
  host?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The key the caller presented, so tests can check what was sent; null when none. */
  apiKey: string | null;
}

export interface FakeOpenAiServer {
  /** Base URL including /v1, as a provider's base_url would be. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const DEFAULT_MODELS = ["gpt-4o-mini", "text-embedding-3-small", "whisper-1", "tts-1"];

function presentedKey(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) return auth.slice("Bearer ".length);
  const xApiKey = req.headers["x-api-key"];
  return typeof xApiKey === "string" ? xApiKey : null;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function openAiError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

export async function startFakeOpenAiServer(options: FakeOpenAiServerOptions): Promise<FakeOpenAiServer> {
  const models = options.models ?? DEFAULT_MODELS;
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const apiKey = presentedKey(req);
    requests.push({ method: req.method ?? "GET", path, apiKey });

    const answer = () => {
      if (req.method !== "GET" || path !== "/v1/models") {
        sendJson(
          res,
          404,
          openAiError(`Unknown request URL: ${req.method} ${path}`, "invalid_request_error", "unknown_url"),
        );
      } else if (apiKey === null) {
        sendJson(res, 401, openAiError("You didn't provide an API key.", "invalid_request_error", null));
      } else if (apiKey !== options.acceptKey) {
        sendJson(res, 401, openAiError("Incorrect API key provided", "invalid_request_error", "invalid_api_key"));
      } else {
        const data = models.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "keydesk-fake" }));
        sendJson(res, 200, { object: "list", data });
      }
    };
    if (options.delayMs) setTimeout(answer, options.delayMs);
    else answer();
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // A delayed answer may still hold a socket open; close it so tests do not hang.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

// Standalone: `tsx lib/models/fake-openai-server.ts --port N --key K [--models a,b]` for e2e runs.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { port: { type: "string", default: "0" }, key: { type: "string" }, models: { type: "string" } },
  });
  if (!values.key) {
    console.error("usage: fake-openai-server --port N --key K [--models a,b]");
    process.exit(2);
  }
  const fake = await startFakeOpenAiServer({
    acceptKey: values.key,
    port: Number(values.port),
    models: values.models?.split(",").filter(Boolean),
  });
  console.log(fake.url);
}
