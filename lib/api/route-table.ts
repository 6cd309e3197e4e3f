import { openApiDocument } from "@/lib/api/openapi";
import { definePublicRoute, type Route } from "@/lib/api/route";
import { adminRoutes } from "@/lib/api/routes/admin";
import { keyRoutes } from "@/lib/api/routes/keys";
import { metaRoutes } from "@/lib/api/routes/meta";
import { modelRoutes } from "@/lib/api/routes/models";

/** Every `/api/v1` operation. A path or method not listed here is a 404 or a 405 envelope. */
export const ROUTES: Route[] = [
  ...keyRoutes,
  ...adminRoutes,
  ...modelRoutes,
  ...metaRoutes,
  // Served bare rather than in the envelope: OpenAPI tools read the document itself.
  definePublicRoute({
    method: "GET",
    path: "/openapi.json",
    summary: "This document",
    envelope: false,
    handler: () => Response.json(openApiDocument(ROUTES)),
  }),
];
