import { errorBody } from "@/lib/api/envelope";
import { toApiError } from "@/lib/api/map-error";
import { bodyTooLarge, MAX_BODY_BYTES, readLimitedText } from "@/lib/api/request";
import { defineRoute, definePublicRoute } from "@/lib/api/route";
import { verifyKeySchema } from "@/lib/keys/schemas";
import { answerVerify } from "@/lib/keys/verify-endpoint";
import { getMe } from "@/lib/users/me";

export const metaRoutes = [
  defineRoute({
    method: "GET",
    path: "/me",
    summary: "The caller and the key it used",
    handler: ({ caller }) => getMe(caller),
  }),
  // server.ts answers this path itself on the fast path; this entry serves `next dev` and any
  // deployment that runs Next without that server, through the same answerVerify.
  definePublicRoute({
    method: "POST",
    path: "/keys/verify",
    summary: "Verify a presented key",
    body: verifyKeySchema,
    envelope: true,
    handler: async (request) => {
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
    },
  }),
];
