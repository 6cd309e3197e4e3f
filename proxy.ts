export { auth as proxy } from "@/lib/auth/next-auth";

// Pages only: the API authenticates in its route dispatcher (lib/api/dispatch.ts) (bearer key or cookie) and answers 401 itself.
export const config = {
  // Static files (anything with an extension, e.g. /icon.svg) are public too.
  matcher: ["/((?!api|_next/static|_next/image|login|.*\\..*).*)"],
};
