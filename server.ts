// The one server entry: answers POST /api/v1/keys/verify itself on node:http (the hot path,
// ~10× cheaper than Next's request pipeline) and hands every other request to Next.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { errorBody } from "@/lib/api/envelope";
import { bodyTooLarge, MAX_BODY_BYTES } from "@/lib/api/request";
import { keyCache } from "@/lib/keys/key-cache";
import { flushKeyUses } from "@/lib/keys/last-used";
import { answerVerify } from "@/lib/keys/verify-endpoint";

const VERIFY_PATH = "/api/v1/keys/verify";

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json), ...headers });
  res.end(json);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function handleVerify(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = await readBody(req);
  if (text === null) return send(res, 413, errorBody(bodyTooLarge()));
  const answer = await answerVerify(text, req.headers["content-type"]);
  send(res, answer.status, answer.body, answer.headers);
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
      handleVerify(req, res).catch((error) => {
        console.error("keydesk: verify failed", error);
        if (!res.headersSent) send(res, 500, { code: 500, data: null, message: "Internal server error" });
      });
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
