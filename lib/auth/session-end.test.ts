// SPEC §8: a session ends at its next request once the user's password changes, or the user is
// disabled, demoted or deleted. The cookies here come from the real next-auth sign-in.
import type { NextRequest } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { authenticate } from "@/lib/api/authenticate";
import { SESSION_ABSOLUTE_LIFETIME_SECONDS } from "@/lib/auth/session-claims";
import { db } from "@/lib/db";
import { deleteUser, updateUser } from "@/lib/users/service";
import { apiRequest, callerFor, createUser, sessionCookie, TEST_PASSWORD } from "@/tests/support/fixtures";

const AUTH_BASE = "http://localhost:3000/api/auth";

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
}

/** A form post to one of next-auth's actions, with the CSRF token and cookie it asks for. */
async function postAuthForm(action: string, fields: Record<string, string>, cookies: string[] = []) {
  const csrf = await authGet(new Request(`${AUTH_BASE}/csrf`) as NextRequest);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return authPost(
    new Request(`${AUTH_BASE}/${action}`, {
      method: "POST",
      headers: {
        cookie: [...cookiesOf(csrf), ...cookies].join("; "),
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": "10.9.0.1",
      },
      body: new URLSearchParams({ ...fields, csrfToken }),
    }),
  );
}

/** Signs in through next-auth's credentials callback; returns the session cookie. */
async function signInCookie(email: string): Promise<string> {
  const response = await postAuthForm("callback/credentials", { email, password: TEST_PASSWORD });
  const session = cookiesOf(response).find((cookie) => cookie.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in gave no session cookie (status ${response.status})`);
  return session;
}

/** Signs out through next-auth's own route, as a browser's sign-out form does; returns the status. */
async function signOut(cookie: string): Promise<number> {
  return (await postAuthForm("signout", {}, [cookie])).status;
}

const sessionUser = async (cookie: string) =>
  (await authenticate(apiRequest("GET", "/api/v1/me", { cookie })))?.caller.user;

async function cast() {
  const admin = await createUser({ role: "ADMIN", email: `admin-${crypto.randomUUID()}@example.test` });
  const user = await createUser({ email: `user-${crypto.randomUUID()}@example.test` });
  return { adminCaller: callerFor(admin), admin, user, cookie: await signInCookie(user.email) };
}

describe("sessions end at once", () => {
  it("ends when an admin changes the user's password", async () => {
    const { adminCaller, user, cookie } = await cast();
    expect(await sessionUser(cookie)).toMatchObject({ id: user.id });
    await updateUser(adminCaller, user.email, { password: "a brand new password" });
    expect(await sessionUser(cookie)).toBeUndefined();
  });

  it("ends when the user is disabled, and stays ended after they are enabled again", async () => {
    const { adminCaller, user, cookie } = await cast();
    await updateUser(adminCaller, user.email, { disabled: true });
    expect(await sessionUser(cookie)).toBeUndefined();
    await updateUser(adminCaller, user.email, { disabled: false });
    expect(await sessionUser(cookie)).toBeUndefined();
    // A new sign-in works again.
    expect(await sessionUser(await signInCookie(user.email))).toMatchObject({ id: user.id });
  });

  it("ends when an admin is demoted", async () => {
    const { admin } = await cast();
    const otherAdmin = await createUser({ role: "ADMIN" });
    const cookie = await signInCookie(admin.email);
    expect(await sessionUser(cookie)).toMatchObject({ id: admin.id, role: "ADMIN" });
    await updateUser(callerFor(otherAdmin), admin.email, { role: "USER" });
    expect(await sessionUser(cookie)).toBeUndefined();
  });

  it("ends when the user is deleted", async () => {
    const { adminCaller, user, cookie } = await cast();
    await deleteUser(adminCaller, user.email);
    expect(await sessionUser(cookie)).toBeUndefined();
  });

  it("ends when the password hash changes by any path, even straight in the database", async () => {
    const { user } = await cast();
    const cookie = await sessionCookie(user);
    await db.$executeRaw`UPDATE users SET password_hash = 'changed elsewhere' WHERE id = ${user.id}`;
    expect(await sessionUser(cookie)).toBeUndefined();
  });

  it("survives changes that take nothing away: a new name, a promotion", async () => {
    const { adminCaller, user, cookie } = await cast();
    await updateUser(adminCaller, user.email, { name: "Renamed" });
    await updateUser(adminCaller, user.email, { role: "ADMIN" });
    expect(await sessionUser(cookie)).toMatchObject({ id: user.id, name: "Renamed", role: "ADMIN" });
  });
});

describe("signing out", () => {
  it("ends that session for every copy of its cookie, and only that session", async () => {
    const { user, cookie } = await cast();
    const otherBrowser = await signInCookie(user.email);
    expect(await signOut(cookie)).toBe(302);
    // The same cookie sent again, as a request in flight at the sign-out would send it back.
    expect(await sessionUser(cookie)).toBeUndefined();
    expect(await sessionUser(otherBrowser)).toMatchObject({ id: user.id });
  });

  it("refuses a token without a session id, and one from a sign-in more than a week ago", async () => {
    const { user } = await cast();
    const now = Math.floor(Date.now() / 1000);
    const tokenCookie = async (claims: Record<string, unknown>) =>
      `authjs.session-token=${await encode({
        token: { sub: user.id, sv: 0, ...claims },
        secret: process.env.AUTH_SECRET!,
        salt: "authjs.session-token",
      })}`;
    const sid = crypto.randomUUID();
    expect(await sessionUser(await tokenCookie({}))).toBeUndefined();
    expect(
      await sessionUser(await tokenCookie({ sid, sat: now - SESSION_ABSOLUTE_LIFETIME_SECONDS - 60 })),
    ).toBeUndefined();
    expect(
      await sessionUser(await tokenCookie({ sid, sat: now - SESSION_ABSOLUTE_LIFETIME_SECONDS + 60 })),
    ).toMatchObject({
      id: user.id,
    });
  });

  it("keeps an ended session's row only as long as its token could be used", async () => {
    const { cookie } = await cast();
    const { sid, sat } = (await decode({
      token: cookie.slice("authjs.session-token=".length),
      secret: process.env.AUTH_SECRET!,
      salt: "authjs.session-token",
    }))!;
    const stale = { id: `stale-${crypto.randomUUID()}`, expiresAt: new Date(Date.now() - 1000) };
    await db.endedSession.create({ data: stale });
    expect(await signOut(cookie)).toBe(302);
    expect(await db.endedSession.findUnique({ where: { id: stale.id } })).toBeNull();
    expect(await db.endedSession.findUnique({ where: { id: sid! } })).toEqual({
      id: sid,
      expiresAt: new Date((sat! + SESSION_ABSOLUTE_LIFETIME_SECONDS) * 1000),
    });
  });
});
