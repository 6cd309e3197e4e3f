// GET /api/v1/openapi.json: generated from the same zod schemas that validate requests, so the
// document cannot drift from what the routes accept.
import { z } from "zod";
import type { Route } from "@/lib/api/route";

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

const envelope = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Envelope" } } },
});

function queryParameters(schema: z.ZodType) {
  const { properties = {}, required = [] } = jsonSchema(schema) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: "query",
    required: required.includes(name),
    schema: property,
  }));
}

function operation(op: Route) {
  const pathParameters = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  return {
    summary: op.summary,
    ...(!op.public && op.admin ? { "x-required-scope": "admin" } : {}),
    ...(!op.public && op.scope ? { "x-required-scope": op.scope } : {}),
    security: op.public ? [] : [{ bearerKey: [] }, { sessionCookie: [] }],
    parameters: [...pathParameters, ...(op.query ? queryParameters(op.query) : [])],
    ...(op.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body) } } } }
      : {}),
    responses: {
      [String(op.status)]: envelope("Success: `code` is 0 and `data` holds the result"),
      "400": envelope("Validation failed: `data.fields` names each bad field"),
      ...(op.public
        ? {}
        : { "401": envelope("Missing or invalid credentials"), "403": envelope("Lacking role or scope") }),
    },
  };
}

export function openApiDocument(routes: Route[]) {
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  return {
    openapi: "3.1.0",
    info: {
      title: "Keydesk API",
      version: "1.0.0",
      description: "API keys and AI-model settings. Every response is `{code, data, message}`.",
    },
    servers: [{ url: "/api/v1" }],
    paths,
    components: {
      securitySchemes: {
        bearerKey: { type: "http", scheme: "bearer", description: "A Keydesk API key" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      },
      schemas: {
        Envelope: {
          type: "object",
          required: ["code", "data", "message"],
          properties: { code: { type: "integer" }, data: {}, message: { type: "string" } },
        },
      },
    },
  };
}
