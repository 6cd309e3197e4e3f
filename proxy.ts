export { auth as proxy } from "@/lib/auth/next-auth";

// Pages only: the API authenticates in withApi (bearer key or cookie) and answers 401 itself.
export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|login|fonts).*)"],
};
