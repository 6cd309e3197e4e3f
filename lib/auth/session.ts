import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { clientIp } from "@/lib/api/request";
import { sessionCaller, type Caller, type CallerUser } from "@/lib/auth/caller";
import { auth } from "@/lib/auth/next-auth";
import { findActiveUser } from "@/lib/auth/session-user";

/** The signed-in user as they are now; sends anyone else to the login page. */
export async function requireUser(): Promise<CallerUser> {
  const session = await auth();
  const user = session?.user?.id ? await findActiveUser(session.user.id, session.claims) : null;
  if (!user) redirect("/login");
  return user;
}

/** For admin pages: a signed-in non-admin gets the 403 page. */
export async function requireAdmin(): Promise<CallerUser> {
  const user = await requireUser();
  if (user.role !== "ADMIN") forbidden();
  return user;
}

/** The caller for a server action: the session user with the request's IP and user agent. */
export async function actionCaller(): Promise<Caller> {
  const user = await requireUser();
  const requestHeaders = await headers();
  return sessionCaller(user, { ip: clientIp(requestHeaders), userAgent: requestHeaders.get("user-agent") });
}
