import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { authorizeCredentials } from "@/lib/auth/next-auth";
import { db } from "@/lib/db";
import { createUser, TEST_PASSWORD } from "@/tests/support/fixtures";

// Every argon2 verification is counted: the limit is about password checks that ran, not about
// answers. The real argon2 runs underneath.
const argon2Verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...actual,
    verify: (...args: Parameters<typeof actual.verify>) => {
      argon2Verifications.count += 1;
      return actual.verify(...args);
    },
  };
});
beforeEach(() => {
  argon2Verifications.count = 0;
});

function loginRequest(ip: string): Request {
  return new Request("http://localhost:3000/api/auth/callback/credentials", {
    method: "POST",
    headers: { "x-forwarded-for": ip, "user-agent": "vitest", "content-type": "application/x-www-form-urlencoded" },
  });
}

describe("credentials sign-in", () => {
  it("accepts the right password, records auth.login and the login time", async () => {
    const user = await createUser({ email: "login@example.test" });
    const result = await authorizeCredentials(
      { email: "Login@Example.test ", password: TEST_PASSWORD },
      loginRequest("10.0.0.1"),
    );
    expect(result).toEqual({
      id: user.id,
      email: "login@example.test",
      name: "Test User",
      role: "USER",
      sessionVersion: 0,
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.login", actorId: user.id } });
    expect(event).toMatchObject({
      ip: "10.0.0.1",
      userAgent: "vitest",
      targetId: user.id,
      details: { method: "password" },
    });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { lastLoginAt: true } });
    expect(stored.lastLoginAt).toBeInstanceOf(Date);
  });

  it("refuses a wrong password or unknown email and records auth.login_failed without the password", async () => {
    await createUser({ email: "wrong@example.test" });
    expect(
      await authorizeCredentials({ email: "wrong@example.test", password: "not it at all" }, loginRequest("10.0.0.2")),
    ).toBeNull();
    expect(
      await authorizeCredentials({ email: "nobody@example.test", password: "not it at all" }, loginRequest("10.0.0.2")),
    ).toBeNull();
    const events = await db.auditEvent.findMany({
      where: { action: "auth.login_failed", ip: "10.0.0.2" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => [event.targetId, event.details])).toEqual([
      ["wrong@example.test", { method: "password", reason: "wrong_password" }],
      ["nobody@example.test", { method: "password", reason: "unknown_email" }],
    ]);
    expect(JSON.stringify(events)).not.toContain("not it at all");
  });

  it("refuses a disabled user even with the right password", async () => {
    await createUser({ email: "disabled@example.test", disabled: true });
    await expect(
      authorizeCredentials({ email: "disabled@example.test", password: TEST_PASSWORD }, loginRequest("10.0.0.3")),
    ).rejects.toMatchObject({ code: "disabled" });
  });

  it("runs one argon2 check for an unknown email too, so timing does not tell which emails exist", async () => {
    await createUser({ email: "known@example.test" });
    await authorizeCredentials({ email: "known@example.test", password: "not the password" }, loginRequest("10.0.0.6"));
    expect(argon2Verifications.count).toBe(1);
    await authorizeCredentials(
      { email: "unknown@example.test", password: "not the password" },
      loginRequest("10.0.0.6"),
    );
    expect(argon2Verifications.count).toBe(2);
  });

  it("refuses an SSO-only user (no password) on the password form, like a wrong password", async () => {
    const sso = await db.user.create({
      data: { email: "sso-only@example.test", passwordHash: null },
      select: { id: true },
    });
    expect(
      await authorizeCredentials({ email: "sso-only@example.test", password: TEST_PASSWORD }, loginRequest("10.0.0.7")),
    ).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.login_failed", targetId: "sso-only@example.test" },
    });
    expect(event.details).toEqual({ method: "password", reason: "sso_only" });
    expect(await db.auditEvent.count({ where: { action: "auth.login", actorId: sso.id } })).toBe(0);
  });

  it("runs at most 5 password checks for 100 parallel wrong passwords, then answers 429 with Retry-After", async () => {
    await createUser({ email: "limited@example.test" });
    const attempts = await Promise.allSettled(
      Array.from({ length: 100 }, (_, index) =>
        authorizeCredentials(
          { email: "limited@example.test", password: `wrong password ${index}` },
          loginRequest(`10.1.0.${index}`),
        ),
      ),
    );
    expect(argon2Verifications.count).toBe(5);
    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(5);
    expect(
      attempts.filter((attempt) => attempt.status === "rejected" && attempt.reason.code === "rate_limited"),
    ).toHaveLength(95);
    expect(
      await db.auditEvent.count({ where: { action: "auth.login_failed", targetId: "limited@example.test" } }),
    ).toBe(5);

    // Even the right password, from any address, waits for the window to end…
    await expect(
      authorizeCredentials({ email: "limited@example.test", password: TEST_PASSWORD }, loginRequest("10.2.0.1")),
    ).rejects.toMatchObject({ code: "rate_limited" });
    expect(argon2Verifications.count).toBe(5);
    // …and the sign-in endpoint says so with a 429.
    const response = await authPost(
      new Request("http://localhost:3000/api/auth/callback/credentials", {
        method: "POST",
        headers: { "x-forwarded-for": "10.2.0.2", "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "limited@example.test", password: TEST_PASSWORD }),
      }),
    );
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await response.json()).toMatchObject({ code: 429, data: null });
  });

  it("limits one client address to 30 password checks across accounts", async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 45 }, (_, index) =>
        authorizeCredentials(
          { email: `spray-${index}@example.test`, password: "Winter2026!" },
          loginRequest("10.3.0.1"),
        ),
      ),
    );
    expect(argon2Verifications.count).toBe(30);
    expect(attempts.filter((attempt) => attempt.status === "rejected")).toHaveLength(15);
    // Another address still gets through, and the accounts refused above kept their own room.
    expect(
      await authorizeCredentials({ email: "spray-44@example.test", password: "Winter2026!" }, loginRequest("10.3.0.2")),
    ).toBeNull();
    expect(argon2Verifications.count).toBe(31);
  });

  it("gives a right password's attempt back, so successes never use up the limit", async () => {
    await createUser({ email: "often@example.test" });
    for (let attempt = 0; attempt < 8; attempt++) {
      expect(
        await authorizeCredentials({ email: "often@example.test", password: TEST_PASSWORD }, loginRequest("10.4.0.1")),
      ).not.toBeNull();
    }
    const counters = await db.loginLimit.findMany({
      where: { key: { in: ["account:often@example.test", "ip:10.4.0.1"] } },
      select: { key: true, hits: true },
      orderBy: { key: "asc" },
    });
    expect(counters).toEqual([
      { key: "account:often@example.test", hits: 0 },
      { key: "ip:10.4.0.1", hits: 0 },
    ]);
  });

  it("starts a new window once the old one has ended", async () => {
    await createUser({ email: "later@example.test" });
    await db.loginLimit.create({
      data: { key: "account:later@example.test", hits: 5, resetAt: new Date(Date.now() - 1000) },
    });
    expect(
      await authorizeCredentials({ email: "later@example.test", password: TEST_PASSWORD }, loginRequest("10.5.0.1")),
    ).not.toBeNull();
  });
});
