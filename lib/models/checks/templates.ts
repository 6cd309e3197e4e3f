import type { Credentials } from "../credentials";

// Catalog entries name credential fields in URLs and bodies ("/model/{reference_id}",
// "https://bedrock.{region}.amazonaws.com"). Only non-secret fields are ever named there, and
// their formats were checked when they were given.

const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

export function fillPath(template: string, credentials: Credentials): string {
  return template.replace(PLACEHOLDER, (_, name: string) => encodeURIComponent(credentials[name] ?? ""));
}

/** A base URL template: a whole-URL field ("{endpoint}") is used as is, a part is URL-escaped. */
export function fillBaseUrl(template: string, credentials: Credentials): string {
  const whole = /^\{([a-z][a-z0-9_]*)\}$/.exec(template);
  if (whole) return credentials[whole[1]] ?? "";
  return fillPath(template, credentials);
}

export function fillBody(value: unknown, credentials: Credentials): unknown {
  if (typeof value === "string") return value.replace(PLACEHOLDER, (_, name: string) => credentials[name] ?? "");
  if (Array.isArray(value)) return value.map((item) => fillBody(item, credentials));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillBody(item, credentials)]));
  return value;
}

export function bodyPlaceholders(value: unknown): string[] {
  if (typeof value === "string") return placeholders(value);
  if (Array.isArray(value)) return value.flatMap(bodyPlaceholders);
  if (value && typeof value === "object") return Object.values(value).flatMap(bodyPlaceholders);
  return [];
}
