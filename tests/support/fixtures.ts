// Test fixtures: real rows through the real client and services, real session cookies.
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { dispatchApi } from "@/lib/api/dispatch";
import { sessionCaller, type Caller, type Scope } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import { newSessionClaims } from "@/lib/auth/session-claims";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { createKey } from "@/lib/keys/service";

export const ORIGIN = "http://localhost:3000";
export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export async function createUser(options: { role?: Role; email?: string; disabled?: boolean; name?: string } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return db.user.create({
    data: {
      email: options.email ?? `user-${randomBytes(4).toString("hex")}@example.test`,
      name: options.name ?? "Test User",
      role: options.role ?? "USER",
      disabled: options.disabled ?? false,
      passwordHash: await passwordHash,
    },
    select: { id: true, email: true, name: true, role: true },
  });
}

export function callerFor(user: { id: string; email: string; name: string; role: Role }): Caller {
  return sessionCaller(user, { ip: "127.0.0.1", userAgent: "vitest" });
}

/** A working key for the user, made through the key service; returns the secret and its id. */
export async function keyFor(user: { id: string; email: string; name: string; role: Role }, scopes?: Scope[]) {
  const created = await createKey(callerFor(user), user.id, { name: "fixture", scopes });
  return { secret: created.key!, id: created.id };
}

/** A session cookie as next-auth issues it at sign-in, carrying the user's current session version. */
export async function sessionCookie(user: { id: string; email: string; role: Role }): Promise<string> {
  const { sessionVersion } = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { sessionVersion: true },
  });
  const token = await encode({
    token: { sub: user.id, email: user.email, role: user.role, ...newSessionClaims(sessionVersion) },
    secret: process.env.AUTH_SECRET!,
    salt: "authjs.session-token",
  });
  return `authjs.session-token=${token}`;
}

type RequestOptions = {
  key?: string;
  cookie?: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string | null;
  origin?: string | null;
  headers?: Record<string, string>;
};

export function apiRequest(method: string, path: string, options: RequestOptions = {}): Request {
  const headers = new Headers(options.headers);
  headers.set("host", "localhost:3000");
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  if (options.cookie) headers.set("cookie", options.cookie);
  if (options.origin !== null && options.cookie && method !== "GET") headers.set("origin", options.origin ?? ORIGIN);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined && options.contentType !== null)
    headers.set("content-type", options.contentType ?? "application/json");
  return new Request(`${ORIGIN}${path}`, { method, headers, body });
}

type Handler = (request: Request) => Promise<Response>;

/**
 * Sends a request through the REST API's one entry (the route table's dispatcher, exactly what the
 * catch-all route hands Next's requests to) and returns status, headers and the parsed envelope.
 */
export async function call(request: Request, handler: Handler = dispatchApi) {
  const response = await handler(request);
  // Tests read arbitrary JSON bodies and assert on them field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const envelope = (await response.json()) as { code: number; data: any; message: string };
  return { status: response.status, headers: response.headers, ...envelope };
}
