// 50 admins (or one admin's retries) creating the same email at once: the unique index on email
// lets exactly one through; every other call is a 409 (or a 503 under load), never a 500 or a second row.
import { describe, expect, it } from "vitest";
import { toApiError } from "@/lib/api/map-error";
import { db } from "@/lib/db";
import { createUser as createUserRow, callerFor } from "@/tests/support/fixtures";
import { createUser } from "@/lib/users/service";

describe("50 parallel creates of one email", () => {
  it("give one user; every other call conflicts", { timeout: 60_000 }, async () => {
    const admin = callerFor(await createUserRow({ role: "ADMIN" }));
    const input = {
      email: "twin@example.test",
      name: "Twin",
      role: "USER" as const,
      password: "a long enough password",
    };
    const settled = await Promise.allSettled(Array.from({ length: 50 }, () => createUser(admin, input)));
    expect(settled.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const statuses = settled.flatMap((result) =>
      result.status === "rejected" ? [toApiError(result.reason).status] : [],
    );
    // 409 for the duplicates; on a loaded machine a waiter may instead time out for its connection (503).
    expect(statuses.filter((status) => status !== 409 && status !== 503)).toEqual([]);
    expect(statuses.filter((status) => status === 409).length).toBeGreaterThan(0);
    expect(await db.user.count({ where: { email: "twin@example.test" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "user.created" } })).toBe(1);
  });
});
