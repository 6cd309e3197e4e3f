// The audit page's reading of the log: names beside ids, several actions at once, a time range.
import { beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit/list";
import { listAuditQuerySchema } from "@/lib/audit/schemas";
import { db } from "@/lib/db";
import { deleteKey, revokeKey, updateKey } from "@/lib/keys/service";
import { deleteUser, createUser as createUserAsAdmin } from "@/lib/users/service";
import { callerFor, createUser, keyFor } from "@/tests/support/fixtures";

let admin: Awaited<ReturnType<typeof createUser>>;
let keyId: string;
let goneKeyId: string;
let goneUserId: string;

const list = (query: Record<string, string> = {}) => listAudit(callerFor(admin), listAuditQuerySchema.parse(query));

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN", email: "ana@example.test" });
  const caller = callerFor(admin);
  keyId = (await keyFor(admin)).id;
  await revokeKey(caller, admin.id, keyId);
  // Renamed after the event: the log shows the name it has now.
  await updateKey(caller, admin.id, keyId, { name: "ci-deploy" });
  goneKeyId = (await keyFor(admin)).id;
  await deleteKey(caller, admin.id, goneKeyId);
  goneUserId = (
    await createUserAsAdmin(caller, {
      email: "gone@example.test",
      name: "",
      password: "a long password 1",
      role: "USER",
    })
  ).id;
  await deleteUser(caller, goneUserId);
});

describe("listAudit", () => {
  it("names the actor and the target beside their ids", async () => {
    const { items } = await list({ action: "key.revoked" });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      actor: { id: admin.id, email: "ana@example.test" },
      target: { type: "key", id: keyId, name: "ci-deploy" },
    });
  });

  it("names a deleted key and a deleted user from what the event recorded", async () => {
    const { items } = await list({ action: "key.deleted,user.deleted" });
    expect(items.map((item) => item.target)).toEqual([
      { type: "user", id: goneUserId, name: "gone@example.test" },
      { type: "key", id: goneKeyId, name: "fixture" },
    ]);
  });

  it("finds a user's events by their email as the target", async () => {
    const { items } = await list({ target: "gone@example.test" });
    expect(items.map((item) => item.action)).toEqual(["user.deleted", "user.created"]);
  });

  it("keeps to a time range", async () => {
    const all = await list();
    const oldest = all.items.at(-1)!.created_at;
    const fromOldest = await list({ to: oldest });
    expect(fromOldest.items.map((item) => item.id)).toEqual([all.items.at(-1)!.id]);
    expect((await list({ from: new Date(Date.now() + 60_000).toISOString() })).total).toBe(0);
    expect(all.total).toBe(await db.auditEvent.count());
  });
});

describe("listAuditQuerySchema", () => {
  it("reads a time without a zone as UTC and refuses a range that ends before it starts", () => {
    expect(listAuditQuerySchema.parse({ from: "2026-12-01T09:30" }).from).toEqual(new Date("2026-12-01T09:30:00Z"));
    const backwards = listAuditQuerySchema.safeParse({ from: "2026-12-02", to: "2026-12-01" });
    expect(backwards.success).toBe(false);
    expect(listAuditQuerySchema.safeParse({ action: "key.created,user.hacked" }).success).toBe(false);
  });
});
