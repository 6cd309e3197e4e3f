// The one server entry: answers POST /api/v1/keys/verify itself on node:http (the hot path,
// ~10× cheaper than Next's request pipeline) and hands every other request to Next.
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { setFlagsFromString } from "node:v8";
import next from "next";
import { errorBody } from "@/lib/api/envelope";
import { ApiError, badRequest } from "@/lib/api/errors";
import { bodyTooLarge, MAX_BODY_BYTES } from "@/lib/api/request";
import { keyCache } from "@/lib/keys/key-cache";
import { flushKeyUses } from "@/lib/keys/last-used";
import { answerVerify } from "@/lib/keys/verify-endpoint";
import { closeKeyLookup } from "@/lib/keys/verify-lookup";
import { flushUsageCounts, pruneUsage } from "@/lib/usage/counter";
import { baseSecurityHeaders, servedOverHttps } from "@/lib/http/security-headers";

const VERIFY_PATH = "/api/v1/keys/verify";
const API_PREFIX = "/api/v1";
// The methods Next's route handlers can receive; any other reaches no handler at all.
const ROUTABLE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);

// V8 moves an allocation site to old space ("pretenures" it) once most of its objects outlive a
// young-generation GC, which happens to node:http's per-request objects while requests wait on
// PostgreSQL (cache misses at start-up). From then on, every request's young objects are kept
// alive through those old ones. Measured with --trace-gc-nvp at a steady 1,000 req/s: 1.8 MB
// survived each scavenge instead of 7 KB, scavenges took 10–20 ms instead of 1–2, and the old
// generation was collected constantly. The flag is read at GC time, so setting it here works.
setFlagsFromString("--no-allocation-site-pretenuring");

function send(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(json);
}

const sendError = (res: ServerResponse, error: ApiError) =>
  send(res, error.status, JSON.stringify(errorBody(error)), error.headers);

/**
 * What Next cannot answer with our envelope, answered before it sees the request: a path whose
 * percent-escapes do not decode (Next answers a plain-text 500) and a method no route handler
 * can take. A trailing slash is dropped here instead of Next's 308 redirect to the same route.
 */
function screenApiRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  try {
    decodeURIComponent(path);
  } catch {
    sendError(res, badRequest("The path has a malformed percent-escape"));
    return true;
  }
  if (!ROUTABLE_METHODS.has(req.method ?? "")) {
    sendError(
      res,
      new ApiError(405, `${req.method} is not allowed here`, undefined, { Allow: [...ROUTABLE_METHODS].join(", ") }),
    );
    return true;
  }
  if (path.length > API_PREFIX.length + 1 && path.endsWith("/")) {
    req.url = path.replace(/\/+$/, "") + (queryAt === -1 ? "" : url.slice(queryAt));
  }
  return false;
}

/** Node's parser refused the request (bad syntax, oversized headers): still the envelope, where a socket can take it. */
function answerUnparsable(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  const json = JSON.stringify({ code: status, data: null, message: STATUS_CODES[status] });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(json)}\r\n` +
      `cache-control: no-store\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n${json}`,
  );
}

/** The body as text, or null past MAX_BODY_BYTES. Plain events: async iteration costs more per call. */
function readBody(req: IncomingMessage): Promise<string | null> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** `securityHeaders` go out with the answer's own in one writeHead (see the request handler). */
async function handleVerify(
  req: IncomingMessage,
  res: ServerResponse,
  securityHeaders: Record<string, string>,
): Promise<void> {
  const text = await readBody(req);
  if (text === null) return send(res, 413, JSON.stringify(errorBody(bodyTooLarge())), securityHeaders);
  const answer = await answerVerify(text, req.headers["content-type"]);
  send(res, answer.status, answer.json, answer.headers ? { ...securityHeaders, ...answer.headers } : securityHeaders);
}

export async function startServer({
  port,
  hostname = "0.0.0.0",
  dev = false,
}: {
  port: number;
  hostname?: string;
  dev?: boolean;
}) {
  const app = next({ dev, port, hostname: "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();
  await keyCache().listen();
  // A process's first Prisma query loads the client's query compiler, and its first model query
  // is compiled: measured here, 148 ms for the first query (64 ms of it blocking the event loop)
  // and 47 ms of blocking for the first prune. Pruning now, as retention wants anyway, pays that
  // before the server takes requests rather than in the first usage flush under load (the likely
  // cause of the half-second stalls the verify bench saw only with counting on, in the round of
  // the first flush). It never throws (an outage is logged).
  await pruneUsage();
  // Behind a load balancer set TRUST_PROXY=1; otherwise a client could claim any address.
  const trustProxy = ["1", "true"].includes(process.env.TRUST_PROXY ?? "");
  const securityHeaders = baseSecurityHeaders(servedOverHttps(process.env.AUTH_URL));
  const securityHeaderEntries = Object.entries(securityHeaders);
  const server = createServer((req, res) => {
    // Verification sets no header before its writeHead, which then takes node:http's cheaper path
    // of writing the headers object as given instead of merging it into headers already set.
    if (req.method === "POST" && req.url === VERIFY_PATH) {
      handleVerify(req, res, securityHeaders).catch((error) => {
        console.error("keydesk: verify failed", error);
        if (!res.headersSent)
          send(res, 500, JSON.stringify({ code: 500, data: null, message: "Internal server error" }), securityHeaders);
      });
      return;
    }
    // Pages replace the Content-Security-Policy with their own (proxy.ts); the rest keep these.
    for (const [name, value] of securityHeaderEntries) res.setHeader(name, value);
    if (req.url?.startsWith(API_PREFIX) && screenApiRequest(req, res)) return;
    if (!trustProxy) {
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
      delete req.headers["x-real-ip"];
    }
    void handle(req, res);
  });
  server.on("clientError", answerUnparsable);
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  return {
    server,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all([flushKeyUses(), flushUsageCounts()]);
      await keyCache().close();
      await closeKeyLookup();
      await app.close();
    },
  };
}
