import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { isDatabaseUnavailable } from "@/lib/db-unavailable";

function codeOf(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string")
    return error.code;
  return undefined;
}

/** zod issues as `{field: [messages]}`; an unknown field is named too, and whole-object problems go under `_`. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  // Field names come from the request: `constructor` or `__proto__` must be plain keys here.
  const fields: Record<string, string[]> = Object.create(null);
  const add = (field: string, message: string) => (fields[field] ??= []).push(message);
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") for (const key of issue.keys) add(key, "Unknown field");
    else add(issue.path.length > 0 ? issue.path.map(String).join(".") : "_", issue.message);
  }
  return fields;
}

/** Every error becomes an ApiError here, in one place; unknown ones are logged and hidden. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof z.ZodError) {
    return new ApiError(400, "Invalid request", fieldErrors(error));
  }
  const code = codeOf(error);
  if (code === "P2002") return new ApiError(409, "That already exists");
  if (code === "P2025" || code === "P2001") return new ApiError(404, "Not found");
  if (isDatabaseUnavailable(error))
    return new ApiError(503, "The database is unavailable; try again shortly", undefined, { "Retry-After": "5" });
  console.error("keydesk: unexpected error", error);
  return new ApiError(500, "Internal server error");
}
