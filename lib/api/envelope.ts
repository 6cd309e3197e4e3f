import { ApiError } from "@/lib/api/errors";

/** SPEC §4: every response is `{code, data, message}`; `code` is 0 on success and the status on error. */
export type Envelope<T> = { code: number; data: T; message: string };

export function ok<T>(data: T, status = 200): Response {
  return Response.json({ code: 0, data, message: "success" } satisfies Envelope<T>, { status });
}

export function errorResponse(error: ApiError): Response {
  const data = error.fields ? { fields: error.fields } : null;
  return Response.json({ code: error.status, data, message: error.message } satisfies Envelope<typeof data>, {
    status: error.status,
    headers: error.headers,
  });
}
