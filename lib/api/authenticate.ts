import { getToken } from "next-auth/jwt";
import { unauthorized } from "@/lib/api/errors";
import { clientIp } from "@/lib/api/request";
import { effectiveScopes, sessionCaller, type Caller } from "@/lib/auth/caller";
import { findActiveUser } from "@/lib/auth/session-user";
import { verifyKey } from "@/lib/keys/verify";

const KEY_FAILURE_MESSAGES = {
  malformed: "API key is malformed",
  not_found: "API key is not valid",
  revoked: "API key has been revoked",
  expired: "API key has expired",
  owner_disabled: "API key's owner is disabled",
} as const;

export type Authenticated = { caller: Caller; via: "key" | "session" };

/** Finds the caller by bearer key or session cookie; null when the request carries neither. */
export async function authenticate(request: Request): Promise<Authenticated | null> {
  const requestInfo = { ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") };
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthorized("Authorization header must be `Bearer <key>`");
    const result = await verifyKey(match[1]);
    if (!result.valid) throw unauthorized(KEY_FAILURE_MESSAGES[result.reason]);
    const { key } = result;
    const user = { id: key.ownerId, email: key.ownerEmail, name: key.ownerName, role: key.ownerRole };
    return {
      caller: { user, keyId: key.keyId, scopes: effectiveScopes(key.scopes, key.ownerRole), ...requestInfo },
      via: "key",
    };
  }
  const secureCookie = new URL(process.env.AUTH_URL ?? request.url).protocol === "https:";
  const token = await getToken({ req: request, secret: process.env.AUTH_SECRET, secureCookie });
  if (typeof token?.sub !== "string") return null;
  // The session token is only a claim: it ends once the user is disabled, demoted, deleted or given a new password.
  const user = await findActiveUser(token.sub, token);
  if (!user) return null;
  return { caller: sessionCaller(user, requestInfo), via: "session" };
}
