// A real HTTP server for the CLI's tests: it records every request and answers with SPEC §4
// envelopes, so the tests exercise the client's actual fetch, URLs, headers and bodies.

import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as they arrived, e.g. `/api/v1/admin/users?page=1&per_page=100`. */
  url: string;
  path: string;
  query: Record<string, string>;
  rawBody: string;
  body: unknown;
  authorization: string | undefined;
  contentType: string | undefined;
}

export interface Reply {
  status?: number;
  data?: unknown;
  message?: string;
  headers?: Record<string, string>;
  /** Sent as is instead of an envelope (for testing answers that are not Keydesk's). */
  raw?: string;
}

export type Handler = (request: RecordedRequest) => Reply;

export interface FakeKeydesk {
  url: string;
  requests: RecordedRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  const rawBody = Buffer.concat(chunks).toString("utf8");
  const url = new URL(req.url ?? "/", "http://fake");
  return {
    method: req.method ?? "",
    url: req.url ?? "",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    rawBody,
    body: rawBody === "" ? undefined : JSON.parse(rawBody),
    authorization: req.headers.authorization,
    contentType: req.headers["content-type"],
  };
}

export async function startFakeKeydesk(): Promise<FakeKeydesk> {
  const requests: RecordedRequest[] = [];
  let handler: Handler = () => ({ status: 404, message: "not found" });

  const server = createServer((req, res) => {
    record(req).then(
      (request) => {
        requests.push(request);
        const reply = handler(request);
        const status = reply.status ?? 200;
        const body =
          reply.raw ??
          JSON.stringify({
            code: status < 300 ? 0 : status,
            data: reply.data ?? null,
            message: reply.message ?? (status < 300 ? "ok" : "error"),
          });
        res.writeHead(status, { "content-type": "application/json", ...reply.headers });
        res.end(body);
      },
      (error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address: string | AddressInfo | null = server.address();
  if (address === null || typeof address === "string") throw new Error("the test server has no TCP port");
  const { port } = address;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
