// Single sign-on decisions against the real database: who is created, linked, promoted, demoted or
// refused, and what the audit log says. The browser flow against a real provider is in e2e/sso.spec.ts.
import { describe, expect, it } from "vitest";
import { signInWithOidc, type OidcIdentity, type OidcSettings } from "@/lib/auth/oidc";
import { identityFromClaims } from "@/lib/auth/oidc-provider";
import { db } from "@/lib/db";
import { createUser } from "@/tests/support/fixtures";

const request = { ip: "10.8.0.1", userAgent: "vitest" };
const settings: OidcSettings = { autoCreate: true, adminGroups: ["keydesk-admins"] };

function identity(email: string, overrides: Partial<OidcIdentity> = {}): OidcIdentity {
  return { subject: `sub-${email}`, email, emailVerified: true, name: "Ana Lima", groups: [], ...overrides };
}

const failures = (email: string) =>
  db.auditEvent.findMany({ where: { action: "auth.login_failed", targetId: email }, select: { details: true } });

describe("OIDC sign-in", () => {
  it("creates a USER without a password on a first sign-in with a verified email, and audits it", async () => {
    const outcome = await signInWithOidc(identity("New.Person@Example.test"), request, settings);
    expect(outcome).toMatchObject({ ok: true, user: { email: "new.person@example.test", role: "USER" } });
    const user = await db.user.findUniqueOrThrow({
      where: { email: "new.person@example.test" },
      select: { id: true, name: true, passwordHash: true, lastLoginAt: true },
    });
    expect(user).toMatchObject({ name: "Ana Lima", passwordHash: null });
    expect(user.lastLoginAt).toBeInstanceOf(Date);
    const actions = await db.auditEvent.findMany({
      where: { targetId: user.id },
      orderBy: { id: "asc" },
      select: { action: true, details: true, ip: true },
    });
    expect(actions).toEqual([
      {
        action: "user.created",
        details: { email: "new.person@example.test", role: "USER", by: "oidc" },
        ip: "10.8.0.1",
      },
      { action: "auth.login", details: { method: "oidc" }, ip: "10.8.0.1" },
    ]);
  });

  it("links an existing user by verified email and keeps their password", async () => {
    const existing = await createUser({ email: "linked@example.test" });
    const outcome = await signInWithOidc(identity("linked@example.test"), request, settings);
    expect(outcome).toEqual({ ok: true, user: expect.objectContaining({ id: existing.id }) });
    const user = await db.user.findUniqueOrThrow({ where: { id: existing.id }, select: { passwordHash: true } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses an unverified email: it neither takes over an account nor creates one", async () => {
    await createUser({ email: "victim@example.test" });
    for (const email of ["victim@example.test", "stranger@example.test"]) {
      expect(await signInWithOidc(identity(email, { emailVerified: false }), request, settings)).toEqual({
        ok: false,
        reason: "unverified_email",
      });
      expect(await failures(email)).toEqual([{ details: { method: "oidc", reason: "unverified_email" } }]);
    }
    expect(await db.user.count({ where: { email: "stranger@example.test" } })).toBe(0);
  });

  it("refuses a first sign-in when auto-create is off, and a disabled user always", async () => {
    await createUser({ email: "off@example.test", disabled: true });
    const off = { ...settings, autoCreate: false };
    expect(await signInWithOidc(identity("nobody@example.test"), request, off)).toEqual({
      ok: false,
      reason: "not_registered",
    });
    expect(await db.user.count({ where: { email: "nobody@example.test" } })).toBe(0);
    expect(await signInWithOidc(identity("off@example.test"), request, settings)).toEqual({
      ok: false,
      reason: "disabled",
    });
    expect(await failures("off@example.test")).toEqual([{ details: { method: "oidc", reason: "disabled" } }]);
  });

  it("refuses a provider that shares no email", async () => {
    expect(await signInWithOidc(identity("", { email: null }), request, settings)).toEqual({
      ok: false,
      reason: "no_email",
    });
  });

  it("makes a member of an admin group an ADMIN and demotes them at the next sign-in without it", async () => {
    await createUser({ role: "ADMIN", email: "keeper@example.test" });
    const admin = identity("grouped@example.test", { groups: ["staff", "keydesk-admins"] });
    expect(await signInWithOidc(admin, request, settings)).toMatchObject({ ok: true, user: { role: "ADMIN" } });
    const promoted = await db.user.findUniqueOrThrow({
      where: { email: "grouped@example.test" },
      select: { role: true, sessionVersion: true },
    });
    expect(promoted.role).toBe("ADMIN");

    const outcome = await signInWithOidc({ ...admin, groups: ["staff"] }, request, settings);
    // The session made now carries the version the demotion produced, so it stays valid.
    expect(outcome).toMatchObject({ ok: true, user: { role: "USER", sessionVersion: promoted.sessionVersion + 1 } });
  });

  it("refuses to demote the last admin, with a message, and changes nothing", async () => {
    const only = await createUser({ role: "ADMIN", email: "only-admin@example.test" });
    await db.user.updateMany({ where: { role: "ADMIN", id: { not: only.id } }, data: { role: "USER" } });
    expect(await signInWithOidc(identity("only-admin@example.test"), request, settings)).toEqual({
      ok: false,
      reason: "last_admin",
    });
    const user = await db.user.findUniqueOrThrow({ where: { id: only.id }, select: { role: true } });
    expect(user.role).toBe("ADMIN");
    expect(await failures("only-admin@example.test")).toEqual([{ details: { method: "oidc", reason: "last_admin" } }]);
  });

  it("leaves roles alone when no admin groups are configured", async () => {
    await createUser({ role: "ADMIN", email: "manual-admin@example.test" });
    const outcome = await signInWithOidc(identity("manual-admin@example.test"), request, {
      autoCreate: true,
      adminGroups: [],
    });
    expect(outcome).toMatchObject({ ok: true, user: { role: "ADMIN" } });
  });
});

describe("claims", () => {
  it("reads email_verified strictly and the groups claim as a list or a single string", () => {
    expect(identityFromClaims({ sub: "1", email: "a@x.test", email_verified: "true", roles: "ops" }, "roles")).toEqual({
      subject: "1",
      email: "a@x.test",
      emailVerified: true,
      name: null,
      groups: ["ops"],
    });
    expect(
      identityFromClaims(
        { sub: "2", email: "b@x.test", email_verified: 1, groups: ["a", 2, "b"], name: "B" },
        "groups",
      ),
    ).toMatchObject({ emailVerified: false, name: "B", groups: ["a", "b"] });
  });
});
