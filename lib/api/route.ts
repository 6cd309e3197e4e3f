import type { z } from "zod";
import type { Caller, Scope } from "@/lib/auth/caller";

export const HTTP_METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type RouteInput<Body, Query> = {
  caller: Caller;
  body: Body;
  query: Query;
  params: Record<string, string>;
  request: Request;
};

type Access = {
  /** ADMIN role, and a key with the `admin` scope. */
  admin?: boolean;
  /** The scope the caller's credential must hold; without one, any authenticated caller. */
  scope?: Scope;
};

type RouteOptions<Body extends z.ZodType, Query extends z.ZodType, Result> = Access & {
  method: HttpMethod;
  /** OpenAPI-style: `/keys/{id}`; `{name}` segments arrive in `params`. */
  path: string;
  summary: string;
  body?: Body;
  query?: Query;
  /** Status for a plain returned value; return `ok(data, status)` to choose per call. */
  status?: number;
  handler: (input: RouteInput<z.infer<Body>, z.infer<Query>>) => Promise<Result | Response> | Result | Response;
};

type PublicRouteOptions = {
  method: HttpMethod;
  path: string;
  summary: string;
  /** Documented in OpenAPI; the handler reads the request itself. */
  body?: z.ZodType;
  /** Whether the answer is the envelope (verify) or a document of its own (openapi.json). */
  envelope: boolean;
  handler: (request: Request) => Promise<Response> | Response;
};

/** One REST operation, declared once: the dispatcher, the OpenAPI document and the fuzz test read it. */
export type Route = {
  method: HttpMethod;
  path: string;
  segments: string[];
  summary: string;
  status: number;
  body?: z.ZodType;
  query?: z.ZodType;
} & (
  | {
      public: false;
      scope?: Scope;
      admin: boolean;
      handler: (input: RouteInput<unknown, unknown>) => Promise<unknown> | unknown;
    }
  | { public: true; envelope: boolean; handler: (request: Request) => Promise<Response> | Response }
);

const segmentsOf = (path: string) => path.split("/").filter(Boolean);

export function defineRoute<
  Body extends z.ZodType = z.ZodUndefined,
  Query extends z.ZodType = z.ZodUndefined,
  Result = unknown,
>(options: RouteOptions<Body, Query, Result>): Route {
  return {
    method: options.method,
    path: options.path,
    segments: segmentsOf(options.path),
    summary: options.summary,
    status: options.status ?? 200,
    body: options.body,
    query: options.query,
    public: false,
    scope: options.scope,
    admin: options.admin === true,
    // Body and query are parsed with this route's own schemas before the call, so its types hold.
    handler: options.handler as (input: RouteInput<unknown, unknown>) => Promise<unknown>,
  };
}

/** A route without authentication (verify, the OpenAPI document). */
export function definePublicRoute(options: PublicRouteOptions): Route {
  return { ...options, segments: segmentsOf(options.path), status: 200, public: true };
}
