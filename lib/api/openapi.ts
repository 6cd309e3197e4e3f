// GET /api/v1/openapi.json: generated from the same zod schemas that validate requests, so the
// document cannot drift from what the routes accept.
import { z } from "zod";
import { listAuditQuerySchema } from "@/lib/audit/schemas";
import {
  createKeySchema,
  generateKeySchema,
  listKeysQuerySchema,
  rollKeySchema,
  updateKeySchema,
  verifyKeySchema,
} from "@/lib/keys/schemas";
import {
  addProviderSchema,
  listModelsQuerySchema,
  removeProviderSchema,
  setDefaultsSchema,
} from "@/lib/models/schemas";
import { createUserSchema, listUsersQuerySchema, updateUserSchema } from "@/lib/users/schemas";

type Operation = {
  summary: string;
  scope?: string;
  body?: z.ZodType;
  query?: z.ZodType;
  success?: number;
  public?: boolean;
};

const ROUTES: Record<string, Record<string, Operation>> = {
  "/keys": {
    get: { summary: "List your keys", scope: "keys:read", query: listKeysQuerySchema },
    post: {
      summary: "Create a key (201, secret shown once) or renew the key with this alias (200)",
      scope: "keys:write",
      body: createKeySchema,
      success: 201,
    },
  },
  "/keys/{id}": {
    get: { summary: "Get one of your keys", scope: "keys:read" },
    patch: { summary: "Rename a key or change its scopes", scope: "keys:write", body: updateKeySchema },
    delete: { summary: "Delete a key for good", scope: "keys:write" },
  },
  "/keys/{id}/revoke": { post: { summary: "Revoke a key (409 if already revoked)", scope: "keys:write" } },
  "/keys/{id}/renew": { post: { summary: "Reset expiry to now + ttl_days and clear revocation", scope: "keys:write" } },
  "/keys/{id}/roll": {
    post: {
      summary: "Issue a new secret; the old one expires after the grace period",
      scope: "keys:write",
      body: rollKeySchema,
      success: 201,
    },
  },
  "/keys/verify": { post: { summary: "Verify a presented key", body: verifyKeySchema, public: true } },
  "/me": { get: { summary: "The caller and the key it used" } },
  "/admin/users": {
    get: { summary: "List users", scope: "admin", query: listUsersQuerySchema },
    post: { summary: "Create a user", scope: "admin", body: createUserSchema, success: 201 },
  },
  "/admin/users/{user}": {
    get: { summary: "Get a user by id or email", scope: "admin" },
    patch: { summary: "Update a user", scope: "admin", body: updateUserSchema },
    delete: { summary: "Delete a user and their keys, providers and defaults", scope: "admin" },
  },
  "/admin/users/{user}/keys": {
    get: { summary: "List a user's keys", scope: "admin", query: listKeysQuerySchema },
    post: {
      summary: "Generate a key for a user (secret shown once)",
      scope: "admin",
      body: generateKeySchema,
      success: 201,
    },
  },
  "/admin/users/{user}/keys/{id}": {
    get: { summary: "Get a user's key", scope: "admin" },
    delete: { summary: "Delete a user's key", scope: "admin" },
  },
  "/admin/users/{user}/keys/{id}/revoke": { post: { summary: "Revoke a user's key", scope: "admin" } },
  "/admin/audit": { get: { summary: "Read the audit log", scope: "admin", query: listAuditQuerySchema } },
  "/models": {
    get: { summary: "Models by factory, Builtin included", scope: "models:read", query: listModelsQuerySchema },
    post: { summary: "Add or update a model provider", scope: "models:write", body: addProviderSchema },
    delete: {
      summary: "Remove a model provider and clear defaults that used it",
      scope: "models:write",
      body: removeProviderSchema,
    },
  },
  "/models/providers": { get: { summary: "Your configured providers, keys masked", scope: "models:read" } },
  "/models/factories": { get: { summary: "The model catalog", scope: "models:read" } },
  "/models/default": {
    get: { summary: "Your default models", scope: "models:read" },
    post: { summary: "Set default models (all or nothing)", scope: "models:write", body: setDefaultsSchema },
  },
};

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

function operation(path: string, op: Operation) {
  const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  return {
    summary: op.summary,
    ...(op.scope ? { "x-required-scope": op.scope } : {}),
    security: op.public ? [] : [{ bearerKey: [] }, { sessionCookie: [] }],
    parameters: [...pathParameters, ...(op.query ? queryParameters(op.query) : [])],
    ...(op.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body) } } } }
      : {}),
    responses: {
      [String(op.success ?? 200)]: envelope("Success: `code` is 0 and `data` holds the result"),
      "400": envelope("Validation failed: `data.fields` names each bad field"),
      ...(op.public
        ? {}
        : { "401": envelope("Missing or invalid credentials"), "403": envelope("Lacking role or scope") }),
    },
  };
}

export function openApiDocument() {
  const paths = Object.fromEntries(
    Object.entries(ROUTES).map(([path, ops]) => [
      path,
      Object.fromEntries(Object.entries(ops).map(([method, op]) => [method, operation(path, op)])),
    ]),
  );
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
