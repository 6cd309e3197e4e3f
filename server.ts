// The one server entry: answers POST /api/v1/keys/verify itself on node:http (the hot path,
// ~10× cheaper than Next's request pipeline) and hands every other request to Next.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { MAX_BODY_BYTES } from "@/lib/api/request";
import { toApiError } from "@/lib/api/map-error";
import { keyCache } from "@/lib/keys/key-cache";
import { flushKeyUses } from "@/lib/keys/last-used";
import { verifyKey, verifyResponseBody } from "@/lib/keys/verify";

const VERIFY_PATH = "/api/v1/keys/verify";

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json), ...headers });
  res.end(json);
}

function sendError(res: ServerResponse, status: number, message: string, headers?: Record<string, string>): void {
  send(res, status, { code: status, data: null, message }, headers);
}

async function handleVerify(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return sendError(res, 413, "Request body is larger than 64 KiB");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return sendError(res, 413, "Request body is larger than 64 KiB");
    chunks.push(chunk);
  }
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(req.headers["content-type"] ?? "")) {
    return sendError(res, 415, "Request body must be JSON (Content-Type: application/json)");
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return sendError(res, 400, "Request body is not valid JSON");
  }
  const key = typeof body === "object" && body !== null && "key" in body ? body.key : undefined;
  if (typeof key !== "string" || key.length === 0) {
    return send(res, 400, { code: 400, data: { fields: { key: ["Required: the key to verify"] } }, message: "Invalid request body" });
  }
  try {
    send(res, 200, { code: 0, data: verifyResponseBody(await verifyKey(key)), message: "success" });
  } catch (error) {
    const apiError = toApiError(error);
    sendError(res, apiError.status, apiError.message, apiError.headers);
  }
}

export async function startServer({ port, hostname = "0.0.0.0", dev = false }: { port: number; hostname?: string; dev?: boolean }) {
  const app = next({ dev, port, hostname: "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();
  await keyCache().listen();
  // Behind a load balancer set TRUST_PROXY=1; otherwise a client could claim any address.
  const trustProxy = ["1", "true"].includes(process.env.TRUST_PROXY ?? "");
  const server = createServer((req, res) => {
    if (!trustProxy) {
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
      delete req.headers["x-real-ip"];
    }
    if (req.method === "POST" && req.url === VERIFY_PATH) {
      handleVerify(req, res).catch(() => sendError(res, 500, "Internal server error"));
      return;
    }
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  return {
    server,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await flushKeyUses();
      await keyCache().close();
      await app.close();
    },
  };
}
