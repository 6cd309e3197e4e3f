import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";

/** Every route.ts under app/api/v1, as an OpenAPI path with its exported methods. */
function routeFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full, `${prefix}/${entry.replace(/^\[(\w+)\]$/, "{$1}")}`);
    return entry === "route.ts" ? [prefix] : [];
  });
}

describe("GET /api/v1/openapi.json", () => {
  it("documents every REST route, with request schemas from the validating zod schemas", async () => {
    const response = GET();
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    const documented = Object.keys(document.paths).sort();
    const implemented = routeFiles(path.resolve("app/api/v1"))
      .filter((route) => route !== "/openapi.json")
      .sort();
    expect(documented).toEqual(implemented);

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
