// 50 admins (or one admin's retries) creating the same email at once: the unique index on email
// lets exactly one through; every other call is a 409, never a 500 and never a second row.
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { createUser as createUserRow, callerFor } from "@/tests/support/fixtures";
import { createUser } from "@/lib/users/service";

describe("50 parallel creates of one email", () => {
  it("give one user and 49 conflicts", { timeout: 60_000 }, async () => {
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
      result.status === "rejected" ? [result.reason instanceof ApiError ? result.reason.status : "other"] : [],
    );
    expect(statuses).toEqual(Array(49).fill(409));
    expect(await db.user.count({ where: { email: "twin@example.test" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "user.created" } })).toBe(1);
  });
});
