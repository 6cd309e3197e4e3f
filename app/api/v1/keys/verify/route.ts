import { errorBody } from "@/lib/api/envelope";
import { toApiError } from "@/lib/api/map-error";
import { bodyTooLarge, MAX_BODY_BYTES, readLimitedText } from "@/lib/api/request";
import { answerVerify } from "@/lib/keys/verify-endpoint";

// server.ts answers this path itself on the fast path; this handler serves `next dev` and any
// deployment that runs Next without that server, through the same answerVerify.
export async function POST(request: Request): Promise<Response> {
  try {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw bodyTooLarge();
    const answer = await answerVerify(await readLimitedText(request), request.headers.get("content-type"));
    return new Response(answer.json, {
      status: answer.status,
      headers: { ...answer.headers, "content-type": "application/json" },
    });
  } catch (error) {
    const apiError = toApiError(error);
    return Response.json(errorBody(apiError), { status: apiError.status, headers: apiError.headers });
  }
}
