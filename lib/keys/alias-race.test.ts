// 50 clients creating one alias at once (an integration's start-up storm): the unique (owner,
// alias) index settles it as one new key, and the others renew that same key. The renewals queue
// on the one row; on a loaded machine some wait past Prisma's 2 s transaction maxWait, and those
// must answer 503 (try again), never a 500 or a second key.
import { describe, expect, it } from "vitest";
import { toApiError } from "@/lib/api/map-error";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/service";
import { callerFor, createUser } from "@/tests/support/fixtures";

describe("50 parallel creates with one alias", () => {
  it("make one key: one secret shown, every other answer a renewal of it or a 503", { timeout: 60_000 }, async () => {
    const user = await createUser();
    const caller = callerFor(user);
    const settled = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => createKey(caller, user.id, { name: `racer ${i}`, alias: "storm" })),
    );
    const results = settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    const failures = settled.flatMap((result) =>
      result.status === "rejected" ? [toApiError(result.reason).status] : [],
    );
    expect(failures.filter((status) => status !== 503)).toEqual([]);
    expect(results.filter((result) => !result.renewed)).toHaveLength(1);
    expect(results.filter((result) => result.key !== undefined)).toHaveLength(1);
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(await db.apiKey.count({ where: { ownerId: user.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "key.created", targetId: results[0].id } })).toBe(1);
  });
});
