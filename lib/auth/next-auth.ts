import { headers } from "next/headers";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { clientIp } from "@/lib/api/request";
import { recordAudit } from "@/lib/audit/service";
import { refundAttempt, takeLoginAttempt } from "@/lib/auth/login-limit";
import { signInWithOidc, type OidcIdentity } from "@/lib/auth/oidc";
import { OIDC_PROVIDER_ID, oidcProvider } from "@/lib/auth/oidc-provider";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { newSessionClaims, type SessionClaims } from "@/lib/auth/session-claims";
import { endSession } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface User {
    role?: Role;
    sessionVersion?: number;
    /** Set by the OIDC provider's profile, read once by the signIn callback. */
    oidc?: OidcIdentity;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
    /** The token's claims that findActiveUser checks (lib/auth/session-user.ts). */
    claims: SessionClaims;
  }
}

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: z.string().min(1, "Enter your password").max(1024),
});

declare module "next-auth/jwt" {
  // Keydesk's claims (lib/auth/session-claims.ts); a token may still lack them, so lib/auth/session-user.ts checks each.
  interface JWT {
    role?: Role;
    sv?: number;
    sid?: string;
    sat?: number;
  }
}

class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}
class AccountDisabled extends CredentialsSignin {
  code = "disabled";
}

type RequestInfo = { ip: string | null; userAgent: string | null };

function requestInfoOf(request: Request): RequestInfo {
  return { ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") };
}

/** The credentials check, exported for its tests; next-auth calls it on every sign-in. */
export async function authorizeCredentials(credentials: unknown, request: Request) {
  const parsed = loginSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const requestInfo = requestInfoOf(request);
  // The limit is taken before the password check, so concurrent attempts cannot overrun it.
  const attempt = await takeLoginAttempt(email, requestInfo.ip);
  if (!attempt.allowed) throw new RateLimited();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, disabled: true, passwordHash: true, sessionVersion: true },
  });
  // Unknown emails and SSO-only users (no password) cost one dummy check, so timing tells nothing.
  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await burnPasswordCheck(password), false);
  if (!user || !passwordOk || user.disabled) {
    if (passwordOk) await refundAttempt(attempt);
    const reason = !user
      ? "unknown_email"
      : !user.passwordHash
        ? "sso_only"
        : !passwordOk
          ? "wrong_password"
          : "disabled";
    await recordAudit(
      null,
      { action: "auth.login_failed", target: { type: "email", id: email }, details: { method: "password", reason } },
      db,
      requestInfo,
    );
    if (passwordOk) throw new AccountDisabled();
    return null;
  }
  await refundAttempt(attempt);
  const signedIn = { id: user.id, email: user.email, name: user.name, role: user.role };
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() }, select: { id: true } });
  await recordAudit(
    { user: signedIn, keyId: null, ...requestInfo },
    { action: "auth.login", target: { type: "user", id: user.id }, details: { method: "password" } },
  );
  return { ...signedIn, sessionVersion: user.sessionVersion };
}

/** The request behind a callback (next-auth passes none to signIn); outside a request, nothing. */
async function currentRequestInfo(): Promise<RequestInfo> {
  try {
    const requestHeaders = await headers();
    return { ip: clientIp(requestHeaders), userAgent: requestHeaders.get("user-agent") };
  } catch {
    return { ip: null, userAgent: null };
  }
}

// Built when the module loads (the proxy needs `auth` as a plain function, not a lazy one).
function authConfig(): NextAuthConfig {
  const oidc = oidcProvider();
  return {
    trustHost: true,
    // A wrong password is an expected outcome, recorded in the audit log; not a server error with a stack.
    logger: {
      error(error) {
        if (error instanceof CredentialsSignin) return;
        console.error("[auth]", error);
      },
    },
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    // Refusals and provider errors come back to the login page as `?error=<code>`.
    pages: { signIn: "/login", error: "/login" },
    providers: [
      Credentials({ credentials: { email: {}, password: {} }, authorize: authorizeCredentials }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        if (!user.oidc) return "/login?error=failed";
        const outcome = await signInWithOidc(user.oidc, await currentRequestInfo());
        if (!outcome.ok) return `/login?error=${outcome.reason}`;
        // From here on the session is Keydesk's user, not the provider's subject.
        Object.assign(user, outcome.user, { oidc: undefined });
        return true;
      },
      jwt({ token, user }) {
        if (user?.id)
          Object.assign(token, { sub: user.id, role: user.role }, newSessionClaims(user.sessionVersion ?? 0));
        return token;
      },
      session({ session, token }) {
        session.user.id = token.sub ?? "";
        session.user.role = token.role === "ADMIN" ? "ADMIN" : "USER";
        session.claims = { sv: token.sv, sid: token.sid, sat: token.sat };
        return session;
      },
    },
    events: {
      // Both sign-out paths (the sidebar's server action and POST /api/auth/signout) come here.
      async signOut(message) {
        if ("token" in message && message.token) await endSession(message.token);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig());
