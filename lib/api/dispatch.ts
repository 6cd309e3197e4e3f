import { authenticate } from "@/lib/api/authenticate";
import { errorResponse, ok } from "@/lib/api/envelope";
import { ApiError, badRequest, forbidden, notFound, unauthorized } from "@/lib/api/errors";
import { toApiError } from "@/lib/api/map-error";
import { parseWith } from "@/lib/api/parse";
import { isSameOrigin, readJsonBody } from "@/lib/api/request";
import type { Route } from "@/lib/api/route";
import { ROUTES } from "@/lib/api/route-table";
import { requireAdminCaller, requireScope } from "@/lib/auth/caller";

const API_PREFIX = "/api/v1";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Long enough for any email (254) or id; path values reach SQL, so anything odder is refused here.
const MAX_PARAM_LENGTH = 320;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** The path below /api/v1, decoded segment by segment; a malformed percent-escape is a 400. */
function pathSegments(pathname: string): string[] {
  const below = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname;
  return below
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        throw badRequest("The path has a malformed percent-escape");
      }
    });
}

const matches = (route: Route, segments: string[]) =>
  route.segments.length === segments.length &&
  route.segments.every((part, index) => part.startsWith("{") || part === segments[index]);

const literalCount = (route: Route) => route.segments.filter((part) => !part.startsWith("{")).length;

function allowedMethods(routes: Route[]): string[] {
  const methods = new Set<string>(routes.map((route) => route.method));
  if (methods.has("GET")) methods.add("HEAD");
  return [...methods, "OPTIONS"];
}

/** Path parameters are validated like bodies: the 400 names the parameter. */
function paramsOf(route: Route, segments: string[]): Record<string, string> {
  const params: Record<string, string> = Object.create(null);
  const fields: Record<string, string[]> = Object.create(null);
  route.segments.forEach((part, index) => {
    if (!part.startsWith("{")) return;
    const name = part.slice(1, -1);
    const value = segments[index]!;
    if (CONTROL_CHARACTERS.test(value)) fields[name] = ["Must not contain control characters"];
    else if (value.length > MAX_PARAM_LENGTH) fields[name] = [`At most ${MAX_PARAM_LENGTH} characters`];
    params[name] = value;
  });
  if (Object.keys(fields).length > 0) throw badRequest("Invalid path parameter", fields);
  return params;
}

/** Authenticates, authorizes, validates and calls one route: the only way a handler runs. */
export async function runRoute(route: Route, request: Request, params: Record<string, string> = {}) {
  if (route.public) return route.handler(request);
  const authenticated = await authenticate(request);
  if (!authenticated) throw unauthorized();
  const { caller, via } = authenticated;
  if (via === "session" && !SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
    throw forbidden("Cross-origin request refused");
  }
  if (route.admin) requireAdminCaller(caller);
  if (route.scope) requireScope(caller, route.scope);
  const body = route.body ? parseWith(route.body, await readJsonBody(request), "request body") : undefined;
  const searchParams = Object.fromEntries(new URL(request.url).searchParams);
  const query = route.query ? parseWith(route.query, searchParams, "query") : undefined;
  const result = await route.handler({ caller, body, query, params, request });
  return result instanceof Response ? result : ok(result, route.status);
}

async function answer(request: Request): Promise<Response> {
  const segments = pathSegments(new URL(request.url).pathname);
  const candidates = ROUTES.filter((route) => matches(route, segments));
  if (candidates.length === 0) throw notFound("API route");
  const allow = allowedMethods(candidates).join(", ");
  if (request.method === "OPTIONS") {
    const response = ok({ methods: allow.split(", ") });
    response.headers.set("allow", allow);
    return response;
  }
  const method = request.method === "HEAD" ? "GET" : request.method;
  const route = candidates
    .filter((candidate) => candidate.method === method)
    .sort((a, b) => literalCount(b) - literalCount(a))[0];
  if (!route) throw new ApiError(405, `${request.method} is not allowed here`, undefined, { Allow: allow });
  return runRoute(route, request, paramsOf(route, segments));
}

/**
 * Every request under /api/v1 arrives here (one catch-all route), so unknown paths, other methods,
 * OPTIONS and HEAD answer with the envelope too, and every answer carries `Cache-Control: no-store`.
 */
export async function dispatchApi(request: Request): Promise<Response> {
  const response = await enveloped(() => answer(request));
  // HEAD is GET without the body: the status and headers of the envelope the GET would send.
  return request.method === "HEAD" ? new Response(null, response) : response;
}

/** The answer, or its error as the envelope; either way never stored by a cache. */
export async function enveloped(work: () => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await work();
  } catch (error) {
    response = errorResponse(toApiError(error));
  }
  response.headers.set("cache-control", "no-store");
  return response;
}
