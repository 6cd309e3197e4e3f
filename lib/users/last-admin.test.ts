// There is always at least one enabled admin: through the routes, and when two admins race.
import { beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { deleteUser, updateUser } from "@/lib/users/service";
import { adminFixtures } from "@/tests/support/admin-fixtures";
import { apiRequest, call, callerFor, createUser } from "@/tests/support/fixtures";

let f: Awaited<ReturnType<typeof adminFixtures>>;

beforeAll(async () => {
  f = await adminFixtures();
});

const patch = (ref: string, body: unknown) =>
  call(apiRequest("PATCH", `/api/v1/admin/users/${encodeURIComponent(ref)}`, { key: f.adminKey, body }));
const enabledAdmins = () => db.user.count({ where: { role: "ADMIN", disabled: false } });

/** Settles concurrent service calls into sorted outcomes: "ok" or the ApiError status and message. */
async function outcomes(calls: Promise<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(calls);
  return settled
    .map((result) => {
      if (result.status === "fulfilled") return "ok";
      if (result.reason instanceof ApiError) return `${result.reason.status} ${result.reason.message}`;
      throw result.reason;
    })
    .sort();
}

describe("the last admin, through the routes", () => {
  it("409s demoting the only admin, by id or by email", async () => {
    expect(await patch(f.admin.id, { role: "USER" })).toMatchObject({
      status: 409,
      code: 409,
      data: null,
      message: "The last administrator cannot be demoted",
    });
    expect(await patch("ROOT@example.test", { role: "USER", name: "Still root" })).toMatchObject({
      status: 409,
      message: "The last administrator cannot be demoted",
    });
  });

  it("409s disabling the only admin", async () => {
    expect(await patch(f.admin.id, { disabled: true })).toMatchObject({
      status: 409,
      message: "The last administrator cannot be disabled",
    });
  });

  it("left the admin, their name and the audit log untouched", async () => {
    const admin = await db.user.findUniqueOrThrow({
      where: { id: f.admin.id },
      select: { role: true, disabled: true, name: true },
    });
    expect(admin).toEqual({ role: "ADMIN", disabled: false, name: "Root" });
    expect(await db.auditEvent.count({ where: { action: "user.updated" } })).toBe(0);
  });

  it("does not count a disabled admin as a second one", async () => {
    await createUser({ email: "dormant@example.test", role: "ADMIN", disabled: true });
    expect(await patch(f.admin.id, { role: "USER" })).toMatchObject({
      status: 409,
      message: "The last administrator cannot be demoted",
    });
  });

  it("409s deleting yourself, by id or by email, even with another admin around", async () => {
    await createUser({ email: "backup@example.test", role: "ADMIN" });
    const byId = await call(apiRequest("DELETE", `/api/v1/admin/users/${f.admin.id}`, { cookie: f.adminCookie }));
    expect(byId).toMatchObject({ status: 409, code: 409, data: null, message: "You cannot delete your own account" });
    const byEmail = await call(apiRequest("DELETE", "/api/v1/admin/users/Root%40example.test", { key: f.adminKey }));
    expect(byEmail).toMatchObject({ status: 409, message: "You cannot delete your own account" });
    expect(await db.user.count({ where: { id: f.admin.id } })).toBe(1);
  });

  it("lets an admin demote themselves while another admin remains", async () => {
    const self = await createUser({ email: "stepping-down@example.test", role: "ADMIN" });
    const response = await call(
      apiRequest("PATCH", `/api/v1/admin/users/${self.id}`, { key: f.adminKey, body: { role: "USER" } }),
    );
    expect(response).toMatchObject({ status: 200, data: { role: "USER" } });
  });
});

describe("the last admin, under concurrent changes", () => {
  it("lets only one of two admins demote the other", async () => {
    await db.user.updateMany({ where: { role: "ADMIN", email: { not: "root@example.test" } }, data: { role: "USER" } });
    const other = await createUser({ email: "rival@example.test", role: "ADMIN" });
    const results = await outcomes([
      updateUser(callerFor(f.admin), other.id, { role: "USER" }),
      updateUser(callerFor(other), f.admin.id, { role: "USER" }),
    ]);
    expect(results).toEqual(["409 The last administrator cannot be demoted", "ok"]);
    expect(await enabledAdmins()).toBe(1);
  });

  it("lets only one of two admins disable the other", async () => {
    const survivor = await db.user.findFirstOrThrow({
      where: { role: "ADMIN", disabled: false },
      select: { id: true, email: true, name: true, role: true },
    });
    const other = await createUser({ email: "rival-2@example.test", role: "ADMIN" });
    const results = await outcomes([
      updateUser(callerFor(survivor), other.id, { disabled: true }),
      updateUser(callerFor(other), survivor.id, { disabled: true }),
    ]);
    expect(results).toEqual(["409 The last administrator cannot be disabled", "ok"]);
    expect(await enabledAdmins()).toBe(1);
  });

  it("lets only one of two admins delete the other: the last admin cannot be deleted", async () => {
    const survivor = await db.user.findFirstOrThrow({
      where: { role: "ADMIN", disabled: false },
      select: { id: true, email: true, name: true, role: true },
    });
    const other = await createUser({ email: "rival-3@example.test", role: "ADMIN" });
    const results = await outcomes([
      deleteUser(callerFor(survivor), other.id),
      deleteUser(callerFor(other), survivor.id),
    ]);
    expect(results).toEqual(["409 The last administrator cannot be deleted", "ok"]);
    expect(await enabledAdmins()).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "user.deleted" } })).toBe(1);
  });
});
