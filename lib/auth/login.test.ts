import { describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { authorizeCredentials } from "@/lib/auth/next-auth";
import { db } from "@/lib/db";
import { createUser, TEST_PASSWORD } from "@/tests/support/fixtures";

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
    expect(result).toEqual({ id: user.id, email: "login@example.test", name: "Test User", role: "USER" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.login", actorId: user.id } });
    expect(event).toMatchObject({ ip: "10.0.0.1", userAgent: "vitest", targetId: user.id });
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
      ["wrong@example.test", { reason: "wrong_password" }],
      ["nobody@example.test", { reason: "unknown_email" }],
    ]);
    expect(JSON.stringify(events)).not.toContain("not it at all");
  });

  it("refuses a disabled user even with the right password", async () => {
    await createUser({ email: "disabled@example.test", disabled: true });
    await expect(
      authorizeCredentials({ email: "disabled@example.test", password: TEST_PASSWORD }, loginRequest("10.0.0.3")),
    ).rejects.toMatchObject({ code: "disabled" });
  });

  it("rate-limits per email and IP after five failures, with a 429 on the sign-in endpoint", async () => {
    await createUser({ email: "limited@example.test" });
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(
        await authorizeCredentials(
          { email: "limited@example.test", password: "wrong password" },
          loginRequest("10.0.0.4"),
        ),
      ).toBeNull();
    }
    // Even the right password is refused while the limit holds…
    await expect(
      authorizeCredentials({ email: "limited@example.test", password: TEST_PASSWORD }, loginRequest("10.0.0.4")),
    ).rejects.toMatchObject({ code: "rate_limited" });
    // …but only for that email from that address.
    expect(
      await authorizeCredentials({ email: "limited@example.test", password: TEST_PASSWORD }, loginRequest("10.0.0.5")),
    ).not.toBeNull();

    const response = await authPost(
      new Request("http://localhost:3000/api/auth/callback/credentials", {
        method: "POST",
        headers: { "x-forwarded-for": "10.0.0.4", "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "limited@example.test", password: TEST_PASSWORD }),
      }),
    );
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ code: 429, data: null });
  });
});
