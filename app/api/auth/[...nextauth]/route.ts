import { errorResponse } from "@/lib/api/envelope";
import { tooManyRequests } from "@/lib/api/errors";
import { clientIp } from "@/lib/api/request";
import { loginRetryAfter } from "@/lib/auth/login-limit";
import { handlers } from "@/lib/auth/next-auth";

export const GET = handlers.GET;

/** Credential posts over the limit get a real 429 here; the login page shows the same limit as a message. */
export async function POST(request: Request): Promise<Response> {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = form?.get("email");
    if (typeof email === "string") {
      const retryAfter = await loginRetryAfter(email.trim().toLowerCase(), clientIp(request.headers));
      if (retryAfter !== null) return errorResponse(tooManyRequests(retryAfter));
    }
  }
  return handlers.POST(request as Parameters<typeof handlers.POST>[0]);
}
