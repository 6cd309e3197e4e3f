// POST /api/v1/keys/verify, once for both of its adapters: server.ts's node:http fast path and
// the Next route handler. Each reads the body (with the 64 KiB limit) and hands the text here,
// so the two cannot answer the same request differently.
import { errorBody, okBody, type Envelope } from "@/lib/api/envelope";
import { toApiError } from "@/lib/api/map-error";
import { parseWith } from "@/lib/api/parse";
import { parseJsonText } from "@/lib/api/request";
import { verifyKeySchema } from "@/lib/keys/schemas";
import { verifyKey, verifyResponseBody } from "@/lib/keys/verify";

export type VerifyAnswer = { status: number; body: Envelope<unknown>; headers?: Record<string, string> };

export async function answerVerify(text: string, contentType: string | null | undefined): Promise<VerifyAnswer> {
  try {
    const { key } = parseWith(verifyKeySchema, parseJsonText(text, contentType), "request body");
    return { status: 200, body: okBody(verifyResponseBody(await verifyKey(key))) };
  } catch (error) {
    const apiError = toApiError(error);
    return { status: apiError.status, body: errorBody(apiError), headers: apiError.headers };
  }
}
