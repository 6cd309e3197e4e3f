// POST /api/v1/keys/verify, once for both of its adapters: server.ts's node:http fast path and
// the Next route handler. Each reads the body (with the 64 KiB limit) and hands the text here,
// so the two cannot answer the same request differently. The answer comes back serialized.
import { errorBody, okBody } from "@/lib/api/envelope";
import { toApiError } from "@/lib/api/map-error";
import { parseWith } from "@/lib/api/parse";
import { parseJsonText } from "@/lib/api/request";
import type { CachedKey } from "@/lib/keys/key-cache";
import { verifyKeySchema } from "@/lib/keys/schemas";
import { verifyKey, verifyResponseBody, type VerifyResult } from "@/lib/keys/verify";

export type VerifyAnswer = { status: number; json: string; headers?: Record<string, string> };

// A cached key's "valid" answer cannot change while it stays cached (any change to the key or
// its owner replaces the entry), so it is serialized once rather than on every call.
const validAnswers = new WeakMap<CachedKey, string>();

function serialize(result: VerifyResult): string {
  const remembered = result.valid ? validAnswers.get(result.key) : undefined;
  if (remembered !== undefined) return remembered;
  const json = JSON.stringify(okBody(verifyResponseBody(result)));
  if (result.valid) validAnswers.set(result.key, json);
  return json;
}

export async function answerVerify(text: string, contentType: string | null | undefined): Promise<VerifyAnswer> {
  try {
    const { key } = parseWith(verifyKeySchema, parseJsonText(text, contentType), "request body");
    return { status: 200, json: serialize(await verifyKey(key)) };
  } catch (error) {
    const apiError = toApiError(error);
    return { status: apiError.status, json: JSON.stringify(errorBody(apiError)), headers: apiError.headers };
  }
}
