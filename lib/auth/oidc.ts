// Single sign-on decisions (SPEC §5, §7): who an identity provider's user is in Keydesk. Linking is
// by verified email only; admin groups, when configured, decide the role at every sign-in.
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import type { OidcRefusal } from "@/lib/auth/oidc-refusals";
import { config } from "@/lib/config";
import { db, isUniqueViolation } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { keyCache } from "@/lib/keys/key-cache";
import { ensureNotLastAdmin } from "@/lib/users/last-admin";

/** What Keydesk reads from the provider's claims. */
export type OidcIdentity = {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  groups: string[];
};

export type OidcSettings = { autoCreate: boolean; adminGroups: string[] };

export type SignedInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };
export type OidcOutcome = { ok: true; user: SignedInUser } | { ok: false; reason: OidcRefusal };

type RequestInfo = { ip: string | null; userAgent: string | null };

const userSelect = { id: true, email: true, name: true, role: true, disabled: true } as const;

export function oidcSettings(): OidcSettings {
  const { AUTH_OIDC_AUTO_CREATE, AUTH_OIDC_ADMIN_GROUPS } = config();
  return { autoCreate: AUTH_OIDC_AUTO_CREATE, adminGroups: AUTH_OIDC_ADMIN_GROUPS };
}

/**
 * The role the provider's groups ask for, or null when no admin groups are configured: then
 * roles are Keydesk's own business and sign-in never changes them.
 */
export function roleFromGroups(groups: string[], adminGroups: string[]): Role | null {
  if (adminGroups.length === 0) return null;
  return groups.some((group) => adminGroups.includes(group)) ? "ADMIN" : "USER";
}

/** A claim as a list of group names: providers send an array, a single string or nothing. */
export function groupsFromClaim(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

async function refuse(identity: OidcIdentity, reason: OidcRefusal, request: RequestInfo): Promise<OidcOutcome> {
  await recordAudit(
    null,
    {
      action: "auth.login_failed",
      target: { type: "email", id: identity.email ?? `oidc:${identity.subject}` },
      details: { method: "oidc", reason },
    },
    db,
    request,
  );
  return { ok: false, reason };
}

async function createFromIdentity(email: string, identity: OidcIdentity, role: Role, request: RequestInfo) {
  try {
    return await db.$transaction(async (tx) => {
      // No password: an SSO-only user cannot use the password form (SPEC §2).
      const created = await tx.user.create({
        data: { email, name: identity.name ?? "", role, passwordHash: null },
        select: userSelect,
      });
      await recordAudit(
        null,
        { action: "user.created", target: { type: "user", id: created.id }, details: { email, role, by: "oidc" } },
        tx,
        request,
      );
      return created;
    });
  } catch (error) {
    // Two first sign-ins at once: the other one created the account; use it.
    if (isUniqueViolation(error)) return db.user.findUnique({ where: { email }, select: userSelect });
    throw error;
  }
}

/** Applies the role the groups ask for; false when that would demote the last enabled admin. */
async function applyRole(userId: string, email: string, role: Role, request: RequestInfo): Promise<boolean> {
  try {
    await db.$transaction(async (tx) => {
      if (role === "USER") await ensureNotLastAdmin(tx, userId, "The last administrator cannot be demoted");
      await tx.user.update({ where: { id: userId }, data: { role }, select: { id: true } });
      await recordAudit(
        null,
        {
          action: "user.updated",
          target: { type: "user", id: userId },
          details: { email, changed: ["role"], role, by: "oidc" },
        },
        tx,
        request,
      );
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return false;
    throw error;
  }
  // The owner's cached keys must see the new role at once, as after an admin's change.
  keyCache().invalidate(`user:${userId}`);
  return true;
}

/** Decides one single sign-on: creates, links, maps the role, or refuses — and audits each. */
export async function signInWithOidc(
  identity: OidcIdentity,
  request: RequestInfo,
  settings: OidcSettings = oidcSettings(),
): Promise<OidcOutcome> {
  const email = identity.email?.trim().toLowerCase();
  if (!email) return refuse(identity, "no_email", request);
  // An unverified address proves nothing: it must neither take over an account nor create one.
  if (!identity.emailVerified) return refuse(identity, "unverified_email", request);
  const wantedRole = roleFromGroups(identity.groups, settings.adminGroups);

  let user = await db.user.findUnique({ where: { email }, select: userSelect });
  if (!user) {
    if (!settings.autoCreate) return refuse(identity, "not_registered", request);
    user = await createFromIdentity(email, identity, wantedRole ?? "USER", request);
    if (!user) return refuse(identity, "failed", request);
  }
  if (user.disabled) return refuse(identity, "disabled", request);
  if (wantedRole && wantedRole !== user.role && !(await applyRole(user.id, email, wantedRole, request))) {
    return refuse(identity, "last_admin", request);
  }

  // Read after any role change: the session must carry the version that change produced.
  const signedIn = await db.user.update({
    where: { id: user.id },
    data: { lastLoginAt: new Date() },
    select: { id: true, email: true, name: true, role: true, sessionVersion: true },
  });
  await recordAudit(
    { user: signedIn, keyId: null, ...request },
    { action: "auth.login", target: { type: "user", id: signedIn.id }, details: { method: "oidc" } },
  );
  return { ok: true, user: signedIn };
}
