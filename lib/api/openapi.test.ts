import { describe, expect, it } from "vitest";
import { dispatchApi } from "@/lib/api/dispatch";
import { ROUTES } from "@/lib/api/route-table";
import { apiRequest } from "@/tests/support/fixtures";

const fetchDocument = () => dispatchApi(apiRequest("GET", "/api/v1/openapi.json"));

describe("GET /api/v1/openapi.json", () => {
  it("documents every REST route, with request schemas from the validating zod schemas", async () => {
    const response = await fetchDocument();
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
    // The scope shown is the one the dispatcher enforces: both read the same route entry.
    for (const route of ROUTES.filter((entry) => !entry.public)) {
      const required = route.public ? undefined : route.admin ? "admin" : route.scope;
      expect(document.paths[route.path][route.method.toLowerCase()]["x-required-scope"]).toBe(required);
    }

    const createKey = document.paths["/keys"].post;
    expect(createKey.requestBody.content["application/json"].schema.required).toEqual(["name"]);
    expect(createKey.requestBody.content["application/json"].schema.properties.scopes.items.enum).toEqual([
      "keys:read",
      "keys:write",
      "models:read",
      "models:write",
      "admin",
    ]);
    expect(createKey.responses).toHaveProperty("201");
    const listKeys = document.paths["/keys"].get;
    expect(listKeys.parameters.find((parameter: { name: string }) => parameter.name === "sort").schema.enum).toContain(
      "-last_used_at",
    );
    expect(document.paths["/keys/verify"].post.security).toEqual([]);
  });
});
