import { forbidden } from "@/lib/api/errors";
import type { Role } from "@/lib/generated/prisma/enums";

export const SCOPES = ["keys:read", "keys:write", "models:read", "models:write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];
/** What a new key gets when nobody asks for particular scopes. */
export const DEFAULT_SCOPES: Scope[] = SCOPES.filter((scope) => scope !== "admin");

export type CallerUser = { id: string; email: string; name: string; role: Role };

/** Who is calling, and with what power: every service function takes one. */
export type Caller = {
  user: CallerUser;
  /** The key the call came with, or null for a browser session or a local operator. */
  keyId: string | null;
  scopes: Scope[];
  ip: string | null;
  userAgent: string | null;
};

export function scopesForRole(role: Role): Scope[] {
  return role === "ADMIN" ? [...SCOPES] : DEFAULT_SCOPES;
}

/** A key never does more than its owner may do now: its scopes meet the owner's current role. */
export function effectiveScopes(keyScopes: readonly string[], ownerRole: Role): Scope[] {
  const allowed = scopesForRole(ownerRole);
  return allowed.filter((scope) => keyScopes.includes(scope));
}

export function sessionCaller(user: CallerUser, request?: { ip: string | null; userAgent: string | null }): Caller {
  return {
    user,
    keyId: null,
    scopes: scopesForRole(user.role),
    ip: request?.ip ?? null,
    userAgent: request?.userAgent ?? null,
  };
}

/**
 * An admin caller (SPEC §3): ADMIN role, by session or by a key that holds `admin`. An ADMIN's
 * key without `admin` is an ordinary caller, limited to the scopes it holds.
 */
export const isAdminCaller = (caller: Caller) => caller.user.role === "ADMIN" && caller.scopes.includes("admin");

export function requireScope(caller: Caller, scope: Scope): void {
  if (!caller.scopes.includes(scope)) throw forbidden(`This needs the ${scope} scope`);
}

export function requireAdminCaller(caller: Caller): void {
  if (caller.user.role !== "ADMIN") throw forbidden("Administrators only");
  requireScope(caller, "admin");
}
