// The cast of the admin-route tests: one admin reachable by session, by an admin-scoped key and
// by a key without the admin scope, and one ordinary user with a session and a key.
import { SCOPES } from "@/lib/auth/caller";
import { createUser, keyFor, sessionCookie } from "@/tests/support/fixtures";

export const ADMIN_EMAIL = "root@example.test";
export const USER_EMAIL = "plain@example.test";

export async function adminFixtures() {
  const admin = await createUser({ role: "ADMIN", email: ADMIN_EMAIL, name: "Root" });
  const user = await createUser({ email: USER_EMAIL, name: "Plain User" });
  const adminKey = await keyFor(admin, [...SCOPES]);
  // Without scopes asked for, a key gets every scope except admin.
  const unscopedAdminKey = await keyFor(admin);
  const userKey = await keyFor(user);
  return {
    admin,
    user,
    adminCookie: await sessionCookie(admin),
    adminKey: adminKey.secret,
    adminKeyId: adminKey.id,
    unscopedAdminKey: unscopedAdminKey.secret,
    userCookie: await sessionCookie(user),
    userKey: userKey.secret,
    userKeyId: userKey.id,
  };
}
