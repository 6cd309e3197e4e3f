import { NextResponse } from "next/server";
import { auth } from "@/lib/auth/next-auth";
import { pageContentSecurityPolicy } from "@/lib/http/security-headers";

const SIGN_IN_PAGE = "/login";

/**
 * Every page: a fresh CSP nonce (Next reads it from the request's policy and puts it on its
 * scripts), and anyone signed out is sent to the sign-in page. The API authenticates in its own
 * dispatcher (lib/api/dispatch.ts) and answers 401 itself.
 */
export const proxy = auth((request) => {
  const { pathname } = request.nextUrl;
  if (!request.auth?.user && pathname !== SIGN_IN_PAGE) {
    const signIn = new URL(SIGN_IN_PAGE, request.nextUrl);
    signIn.searchParams.set("callbackUrl", request.nextUrl.href);
    return NextResponse.redirect(signIn);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
});

export const config = {
  // Static files (anything with an extension, e.g. /icon.svg) carry server.ts's headers only.
  matcher: ["/((?!api|_next/static|_next/image|.*\\..*).*)"],
};
