import { openApiDocument } from "@/lib/api/openapi";

// Served bare rather than in the envelope: OpenAPI tools read the document itself.
export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(openApiDocument());
}
