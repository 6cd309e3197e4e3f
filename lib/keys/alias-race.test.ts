// 50 clients creating one alias at once (an integration's start-up storm): the unique (owner,
// alias) index settles it as one new key and 49 renewals of that same key, against the real database.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/service";
import { callerFor, createUser } from "@/tests/support/fixtures";

describe("50 parallel creates with one alias", () => {
  it("make one key: one secret shown, 49 renewals of the same row", { timeout: 60_000 }, async () => {
    const user = await createUser();
    const caller = callerFor(user);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createKey(caller, user.id, { name: `racer ${i}`, alias: "storm" })),
    );
    expect(results.filter((result) => !result.renewed)).toHaveLength(1);
    expect(results.filter((result) => result.key !== undefined)).toHaveLength(1);
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(await db.apiKey.count({ where: { ownerId: user.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "key.created", targetId: results[0].id } })).toBe(1);
  });
});
