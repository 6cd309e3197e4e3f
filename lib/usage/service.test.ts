// Usage reads against the real database: a key's buckets (zeros included), who may read them,
// the range rules, and the admin's all-keys series with its most-used keys.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { HOUR_MS } from "@/lib/usage/counter";
import { usageQuerySchema } from "@/lib/usage/schemas";
import { getAdminUsage, getKeyUsage } from "@/lib/usage/service";
import { callerFor, createUser, keyFor } from "@/tests/support/fixtures";

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;
let other: User;
let admin: User;
let keyId: string;
// A fixed past day, so the buckets do not depend on when the test runs.
const DAY = Date.parse("2026-11-20T00:00:00.000Z");

beforeAll(async () => {
  owner = await createUser();
  other = await createUser();
  admin = await createUser({ role: "ADMIN" });
  keyId = (await keyFor(owner)).id;
  const busy = await keyFor(other);
  await db.keyUsage.createMany({
    data: [
      { keyId, hour: new Date(DAY + 1 * HOUR_MS), valid: 3, revoked: 1 },
      { keyId, hour: new Date(DAY + 3 * HOUR_MS), valid: 2, expired: 4 },
      { keyId, hour: new Date(DAY + 26 * HOUR_MS), ownerDisabled: 5 },
      { keyId: busy.id, hour: new Date(DAY + 2 * HOUR_MS), valid: 100 },
    ],
  });
});

const query = (input: Record<string, string>) => usageQuerySchema.parse(input);

describe("getKeyUsage", () => {
  it("gives every hour of the range, zeros included, with totals", async () => {
    const series = await getKeyUsage(callerFor(owner), owner.id, keyId, {
      from: new Date(DAY),
      to: new Date(DAY + 5 * HOUR_MS),
      granularity: "hour",
    });
    expect(series.buckets.map((bucket) => bucket.start)).toEqual([
      "2026-11-20T00:00:00.000Z",
      "2026-11-20T01:00:00.000Z",
      "2026-11-20T02:00:00.000Z",
      "2026-11-20T03:00:00.000Z",
      "2026-11-20T04:00:00.000Z",
    ]);
    expect(series.buckets[1]).toMatchObject({ valid: 3, revoked: 1, expired: 0, owner_disabled: 0 });
    expect(series.buckets[2]).toMatchObject({ valid: 0, revoked: 0, expired: 0, owner_disabled: 0 });
    expect(series.totals).toEqual({ valid: 5, revoked: 1, expired: 4, owner_disabled: 0, total: 10 });
  });

  it("adds hours up into UTC days, starting with the day that holds `from`", async () => {
    const series = await getKeyUsage(
      callerFor(owner),
      owner.id,
      keyId,
      query({ from: "2026-11-20T12:00:00Z", to: "2026-11-22T00:00:00Z", granularity: "day" }),
    );
    expect(series.buckets).toEqual([
      { start: "2026-11-20T00:00:00.000Z", valid: 5, revoked: 1, expired: 4, owner_disabled: 0 },
      { start: "2026-11-21T00:00:00.000Z", valid: 0, revoked: 0, expired: 0, owner_disabled: 5 },
    ]);
  });

  it("answers another user's key as not found, and lets an admin read it", async () => {
    const range = query({ from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z" });
    await expect(getKeyUsage(callerFor(other), other.id, keyId, range)).rejects.toMatchObject({ status: 404 });
    const series = await getKeyUsage(callerFor(admin), owner.id, keyId, range);
    expect(series.totals.total).toBe(10);
  });
});

describe("usageQuerySchema", () => {
  it("defaults to the last 24 hours by hour", () => {
    const parsed = query({});
    expect(parsed.granularity).toBe("hour");
    expect(parsed.to.getTime() - parsed.from.getTime()).toBe(24 * HOUR_MS);
  });

  it.each([
    [{ from: "yesterday" }, "from"],
    [{ granularity: "week" }, "granularity"],
    [{ from: "2026-11-21T00:00:00Z", to: "2026-11-20T00:00:00Z" }, "from"],
    [{ from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z", granularity: "hour" }, "to"],
  ])("refuses %j, naming %s", (input, field) => {
    const result = usageQuerySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });
});

describe("getAdminUsage", () => {
  it("sums every key per bucket and ranks the most-used keys with their owners", async () => {
    const usage = await getAdminUsage(
      callerFor(admin),
      query({ from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z", granularity: "day" }),
    );
    expect(usage.buckets).toEqual([
      { start: "2026-11-20T00:00:00.000Z", valid: 105, revoked: 1, expired: 4, owner_disabled: 0 },
    ]);
    expect(usage.top_keys.map((key) => [key.owner.email, key.verifications])).toEqual([
      [other.email, 100],
      [owner.email, 10],
    ]);
  });

  it("is for admins only", async () => {
    await expect(getAdminUsage(callerFor(owner), query({}))).rejects.toMatchObject({ status: 403 });
  });
});
