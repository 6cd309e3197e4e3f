import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { clientIp } from "@/lib/api/request";
import { recordAudit } from "@/lib/audit/service";
import { loginRetryAfter } from "@/lib/auth/login-limit";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
  }
}

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: z.string().min(1, "Enter your password").max(1024),
});

class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}
class AccountDisabled extends CredentialsSignin {
  code = "disabled";
}

/** The credentials check, exported for its tests; next-auth calls it on every sign-in. */
export async function authorizeCredentials(credentials: unknown, request: Request) {
  const parsed = loginSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const requestInfo = { ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") };
  if ((await loginRetryAfter(email, requestInfo.ip)) !== null) throw new RateLimited();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, disabled: true, passwordHash: true },
  });
  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await burnPasswordCheck(password), false);
  if (!user || !passwordOk || user.disabled) {
    const reason = !user ? "unknown_email" : !passwordOk ? "wrong_password" : "disabled";
    await recordAudit(
      null,
      { action: "auth.login_failed", target: { type: "email", id: email }, details: { reason } },
      db,
      requestInfo,
    );
    if (user && passwordOk && user.disabled) throw new AccountDisabled();
    return null;
  }
  const actor = {
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    keyId: null,
    ...requestInfo,
  };
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() }, select: { id: true } });
  await recordAudit(actor, { action: "auth.login", target: { type: "user", id: user.id } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // A wrong password is an expected outcome, recorded in the audit log; not a server error with a stack.
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error("[auth]", error);
    },
  },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [Credentials({ credentials: { email: {}, password: {} }, authorize: authorizeCredentials })],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.role = token.role === "ADMIN" ? "ADMIN" : "USER";
      return session;
    },
  },
});
