import { ApiError } from "@/lib/api/errors";

/** SPEC §4: every response is `{code, data, message}`; `code` is 0 on success and the status on error. */
export type Envelope<T> = { code: number; data: T; message: string };

export function ok<T>(data: T, status = 200): Response {
  return Response.json(okBody(data), { status });
}

export function okBody<T>(data: T): Envelope<T> {
  return { code: 0, data, message: "success" };
}

export function errorBody(error: ApiError): Envelope<{ fields: Record<string, string[]> } | null> {
  return { code: error.status, data: error.fields ? { fields: error.fields } : null, message: error.message };
}

export function errorResponse(error: ApiError): Response {
  return Response.json(errorBody(error), { status: error.status, headers: error.headers });
}
