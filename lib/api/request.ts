import { ApiError, badRequest } from "@/lib/api/errors";

export const MAX_BODY_BYTES = 64 * 1024;
// No request of SPEC §4 nests more than a few levels; deeper JSON is an attack or a mistake.
export const MAX_JSON_DEPTH = 32;

export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0]!.trim();
  return headers.get("x-real-ip");
}

/** The origin this request was addressed to, as the browser saw it (proxies set X-Forwarded-*). */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

/** A cookie can ride along on a request another site makes; state changes must come from our own pages. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const allowed = new Set([requestOrigin(request)]);
  if (process.env.AUTH_URL) allowed.add(new URL(process.env.AUTH_URL).origin);
  return allowed.has(origin);
}

export const bodyTooLarge = () => new ApiError(413, "Request body is larger than 64 KiB");

/** Reads a JSON body with SPEC §4's statuses: 415 not JSON, 413 over 64 KiB, 400 malformed. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw bodyTooLarge();
  return parseJsonText(await readLimitedText(request), request.headers.get("content-type"));
}

/** The body's text as JSON: an empty body is `{}`, anything else must be declared and valid JSON. */
export function parseJsonText(text: string, contentType: string | null | undefined): unknown {
  if (text.trim() === "") return {};
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(contentType ?? "")) {
    throw new ApiError(415, "Request body must be JSON (Content-Type: application/json)");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest("Request body is not valid JSON");
  }
  if (nestingExceeds(parsed, MAX_JSON_DEPTH))
    throw badRequest(`Request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  return parsed;
}

export async function readLimitedText(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw bodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * PostgreSQL text cannot hold a NUL character; one reaching the database is a 500. Every request
 * value is checked here, so each route and action answers 400 naming the field instead. The walk
 * keeps its own stack, so no input is deep enough to overflow the call stack.
 */
export function nulCharacterFields(value: unknown): Record<string, string[]> {
  const fields: Record<string, string[]> = Object.create(null);
  const pending: [unknown, string][] = [[value, ""]];
  while (pending.length > 0) {
    const [item, path] = pending.pop()!;
    if (typeof item === "string") {
      if (item.includes("\u0000")) fields[path || "_"] = ["Must not contain a NUL character"];
    } else if (typeof item === "object" && item !== null) {
      for (const [key, child] of Object.entries(item)) pending.push([child, path ? `${path}.${key}` : key]);
    }
  }
  return fields;
}

/** How deeply arrays and objects nest in a parsed JSON value, counted without recursion. */
function nestingExceeds(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== "object" || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}
