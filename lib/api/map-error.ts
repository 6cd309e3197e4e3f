import { z } from "zod";
import { ApiError } from "@/lib/api/errors";

// Driver and Prisma codes that mean "the database is not there", not "the request is wrong".
const UNAVAILABLE_CODES = new Set([
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01",
  "57P03",
  "53300",
]);
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "SocketTimeout",
  "ConnectionClosed",
  "TooManyConnections",
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string")
    return error.code;
  return undefined;
}

function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 4) return false;
  const code = codeOf(error);
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  if ("kind" in error && typeof error.kind === "string" && UNAVAILABLE_KINDS.has(error.kind)) return true;
  if (
    error instanceof Error &&
    /ECONNREFUSED|Connection terminated|connect ETIMEDOUT|the database system is (starting|shutting) up/.test(
      error.message,
    )
  ) {
    return true;
  }
  return "cause" in error && isDatabaseUnavailable(error.cause, depth + 1);
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
