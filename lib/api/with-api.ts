import { z } from "zod";
import { authenticate } from "@/lib/api/authenticate";
import { errorResponse, ok } from "@/lib/api/envelope";
import { forbidden, unauthorized } from "@/lib/api/errors";
import { toApiError } from "@/lib/api/map-error";
import { parseWith } from "@/lib/api/parse";
import { isSameOrigin, readJsonBody } from "@/lib/api/request";
import { requireAdminCaller, requireScope, type Caller, type Scope } from "@/lib/auth/caller";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

type HandlerInput<Body, Query> = {
  caller: Caller;
  body: Body;
  query: Query;
  params: Record<string, string>;
  request: Request;
};

type Options<Body extends z.ZodType, Query extends z.ZodType> = {
  scope?: Scope;
  admin?: boolean;
  body?: Body;
  query?: Query;
  /** Status for a plain returned value; return `ok(data, status)` to choose per call. */
  status?: number;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The one wrapper for REST route handlers: authenticates (bearer key or session cookie),
 * refuses cross-origin cookie writes, checks scope or admin role, parses body and query with
 * zod, and turns every error into the SPEC §4 envelope.
 */
export function withApi<
  Body extends z.ZodType = z.ZodUndefined,
  Query extends z.ZodType = z.ZodUndefined,
  Result = unknown,
>(
  handler: (input: HandlerInput<z.infer<Body>, z.infer<Query>>) => Promise<Result | Response>,
  options: Options<Body, Query> = {},
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const authenticated = await authenticate(request);
      if (!authenticated) throw unauthorized();
      const { caller, via } = authenticated;
      if (via === "session" && !SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
        throw forbidden("Cross-origin request refused");
      }
      if (options.admin) requireAdminCaller(caller);
      if (options.scope) requireScope(caller, options.scope);
      // Without a schema the type parameter defaults to ZodUndefined, so `undefined` is its value.
      const body = (
        options.body ? parseWith(options.body, await readJsonBody(request), "request body") : undefined
      ) as z.infer<Body>;
      const searchParams = Object.fromEntries(new URL(request.url).searchParams);
      const query = (options.query ? parseWith(options.query, searchParams, "query") : undefined) as z.infer<Query>;
      const rawParams = (await context?.params) ?? {};
      const params = Object.fromEntries(Object.entries(rawParams).map(([name, value]) => [name, String(value)]));
      const result = await handler({ caller, body, query, params, request });
      return result instanceof Response ? result : ok(result, options.status);
    } catch (error) {
      return errorResponse(toApiError(error));
    }
  };
}
