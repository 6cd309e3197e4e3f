// The granting rule (SPEC §3), in one place: every operation that creates a secret or sets
// scopes — create, alias renewal, an admin's generate, PATCH scopes, renew, roll — asks it
// before writing anything. Pure: the caller, the key's owner and the settings in force decide.
import { forbidden } from "@/lib/api/errors";
import { DEFAULT_SCOPES, isAdminCaller, scopesForRole, type Caller, type Scope } from "@/lib/auth/caller";
import type { Role } from "@/lib/generated/prisma/enums";

export type KeyOwner = { id: string; role: Role };
/** The part of the settings the rule reads (lib/settings/service.ts `Settings` fits). */
export type GrantPolicy = { user_grantable_scopes: readonly Scope[]; users_can_create_keys: boolean };

/**
 * Every scope this caller may put on a key of this owner. An admin caller may grant whatever
 * the owner's role allows (`admin` only to an ADMIN); anyone else only what its own credential
 * holds (a session holds all its role allows), and of that only what the settings let users grant.
 */
export function grantableScopes(caller: Caller, owner: KeyOwner, policy: GrantPolicy): Scope[] {
  const ownerMayHold = scopesForRole(owner.role);
  if (isAdminCaller(caller)) return ownerMayHold;
  return ownerMayHold.filter((scope) => caller.scopes.includes(scope) && policy.user_grantable_scopes.includes(scope));
}

/**
 * "set": scopes asked for (or, when none are, every non-admin scope the caller may grant).
 * "keep": renew and roll, which carry the key's scopes over: the caller must be able to grant
 * every one of them, or the operation is refused and nothing changes.
 */
type Operation = "set" | "keep";

/** The scopes the key will hold, or a 403 that names each scope the caller cannot grant and why. */
export function decideScopes(
  caller: Caller,
  owner: KeyOwner,
  policy: GrantPolicy,
  requested: readonly Scope[] | undefined,
  operation: Operation = "set",
): Scope[] {
  const grantable = grantableScopes(caller, owner, policy);
  const scopes = requested ? [...requested] : DEFAULT_SCOPES.filter((scope) => grantable.includes(scope));
  if (scopes.length === 0) throw forbidden("The key policy leaves you no scope to grant");
  if (scopes.includes("admin") && owner.role !== "ADMIN") {
    throw forbidden("Only an administrator's key can hold the admin scope");
  }
  const missing = scopes.filter((scope) => !grantable.includes(scope));
  if (missing.length === 0) return scopes;
  const notHeld = missing.filter((scope) => !caller.scopes.includes(scope));
  const notAllowed = missing.filter((scope) => caller.scopes.includes(scope));
  const reasons = [
    notHeld.length > 0 ? `You cannot grant scopes you do not hold: ${notHeld.join(", ")}` : null,
    notAllowed.length > 0 ? `The key policy does not let users grant: ${notAllowed.join(", ")}` : null,
  ].filter((reason) => reason !== null);
  const prefix = operation === "keep" ? "Renewing or rolling keeps the key's scopes. " : "";
  throw forbidden(prefix + reasons.join(". "));
}

/** `users_can_create_keys: false` stops users creating keys; admins still create and generate them. */
export const mayCreateKeys = (caller: Caller, policy: GrantPolicy) =>
  isAdminCaller(caller) || policy.users_can_create_keys;

export function requireMayCreateKeys(caller: Caller, policy: GrantPolicy): void {
  if (!mayCreateKeys(caller, policy)) {
    throw forbidden("Creating keys is turned off for users; an administrator can generate one for you");
  }
}
