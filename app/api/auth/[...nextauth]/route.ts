import { errorResponse } from "@/lib/api/envelope";
import { tooManyRequests } from "@/lib/api/errors";
import { clientIp } from "@/lib/api/request";
import { loginRetryAfter } from "@/lib/auth/login-limit";
import { handlers } from "@/lib/auth/next-auth";

export const GET = handlers.GET;

/**
 * Credential posts over the limit get a real 429 with Retry-After here (the login page shows the
 * same limit as a message). The limit itself is taken atomically inside the credentials check;
 * this only reads it, before (an attempt already over) and after (refused by that check).
 */
export async function POST(request: Request): Promise<Response> {
  if (!new URL(request.url).pathname.endsWith("/callback/credentials")) {
    return handlers.POST(request as Parameters<typeof handlers.POST>[0]);
  }
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const email = form?.get("email");
  const limited = async () => {
    if (typeof email !== "string") return null;
    const retryAfter = await loginRetryAfter(email.trim().toLowerCase(), clientIp(request.headers));
    return retryAfter === null ? null : errorResponse(tooManyRequests(retryAfter));
  };
  const early = await limited();
  if (early) return early;
  const response = await handlers.POST(request as Parameters<typeof handlers.POST>[0]);
  const refusedByLimit = (response.headers.get("location") ?? "").includes("code=rate_limited");
  return (refusedByLimit && (await limited())) || response;
}
