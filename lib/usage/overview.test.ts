// The admin overview and its bulk revoke against the real database: counts by status, recent
// verifications, and the lists (expiring soon, idle, never expiring, outside the policy).
import { beforeAll, describe, expect, it } from "vitest";
import type { Caller, Scope } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { updateSettings } from "@/lib/settings/service";
import { verifyKey } from "@/lib/keys/verify";
import { HOUR_MS } from "@/lib/usage/counter";
import { getOverview } from "@/lib/usage/overview";
import { revokeIdleKeys } from "@/lib/usage/revoke-idle";
import { callerFor, createUser, keyFor } from "@/tests/support/fixtures";

const DAY_MS = 24 * HOUR_MS;
const now = Date.now();
const daysFromNow = (days: number) => new Date(now + days * DAY_MS);

let admin: Caller;
let user: Caller;
const ids: Record<string, string> = {};
const secrets: Record<string, string> = {};

type KeyData = Parameters<typeof db.apiKey.update>[0]["data"];
const lastUsed = (at: Date | null) => ({ lastUse: { update: { lastUsedAt: at } } });

async function makeKey(name: string, data: KeyData, scopes: Scope[] = ["keys:read"]) {
  const { id, secret } = await keyFor(user.user, scopes);
  await db.apiKey.update({
    where: { id },
    data: { name, expiresAt: daysFromNow(60), ...lastUsed(new Date(now)), ...data },
  });
  ids[name] = id;
  secrets[name] = secret;
}

beforeAll(async () => {
  admin = callerFor(await createUser({ role: "ADMIN" }));
  user = callerFor(await createUser({ email: "owner@overview.test" }));
  await makeKey("fresh", {});
  await makeKey("expiring", { expiresAt: daysFromNow(3) });
  await makeKey("idle", lastUsed(daysFromNow(-40)));
  await makeKey("never-used", { ...lastUsed(null), createdAt: daysFromNow(-40) });
  await makeKey("no-expiry", { expiresAt: null });
  await makeKey("long", { expiresAt: daysFromNow(200) });
  await makeKey("over-scoped", {}, ["keys:read", "models:write"]);
  await makeKey("revoked", { revokedAt: new Date(now), ...lastUsed(daysFromNow(-40)) });
  await makeKey("expired", { expiresAt: daysFromNow(-1) });
  await updateSettings(admin, {
    key_max_ttl_days: 90,
    key_allow_no_expiry: false,
    user_grantable_scopes: ["keys:read", "keys:write"],
    idle_key_days: 30,
    expiry_warning_days: 7,
  });
  await db.keyUsage.createMany({
    data: [
      { keyId: ids.fresh!, hour: new Date(now - (now % HOUR_MS)), valid: 7 },
      { keyId: ids.fresh!, hour: new Date(now - (now % HOUR_MS) - 10 * DAY_MS), valid: 5, revoked: 1 },
      { keyId: ids.fresh!, hour: new Date(now - (now % HOUR_MS) - 40 * DAY_MS), valid: 1000 },
    ],
  });
});

const names = (keys: { id: string }[]) => keys.map((key) => Object.keys(ids).find((name) => ids[name] === key.id));

describe("getOverview", () => {
  it("counts users, keys by status and recent verifications", async () => {
    const overview = await getOverview(admin);
    expect(overview.users).toBe(2);
    // Every key but the revoked and the expired one, plus the fixtures' own none.
    expect(overview.keys).toEqual({ active: 7, revoked: 1, expired: 1 });
    expect(overview.verifications).toEqual({ last_24h: 7, last_30d: 13 });
  });

  it("lists the keys expiring soon, idle and never expiring, each with its owner's email", async () => {
    const overview = await getOverview(admin);
    expect(names(overview.expiring_soon)).toEqual(["expiring"]);
    expect(names(overview.idle)).toEqual(["never-used", "idle"]);
    expect(names(overview.never_expire)).toEqual(["no-expiry"]);
    expect(overview.idle[0]!.owner.email).toBe("owner@overview.test");
  });

  it("lists the active keys a stricter policy would refuse today, with the reasons", async () => {
    const overview = await getOverview(admin);
    expect(Object.fromEntries(overview.exceeding_policy.map((key) => [names([key])[0], key.violations]))).toEqual({
      "no-expiry": ["never expires"],
      long: ["lives longer than 90 days"],
      "over-scoped": ["holds models:write, which users may not grant"],
    });
  });

  it("is for admins only", async () => {
    await expect(getOverview(user)).rejects.toMatchObject({ status: 403 });
  });
});

describe("revokeIdleKeys", () => {
  it("revokes only the given keys that are still idle, audits each, and stops them verifying", async () => {
    const result = await revokeIdleKeys(admin, [ids.idle!, ids["never-used"]!, ids.fresh!]);
    expect(new Set(result.revoked)).toEqual(new Set([ids.idle, ids["never-used"]]));
    expect(await verifyKey(secrets.idle!)).toEqual({ valid: false, reason: "revoked" });
    expect(await verifyKey(secrets.fresh!)).toMatchObject({ valid: true });
    const events = await db.auditEvent.findMany({
      where: { action: "key.revoked", targetId: { in: [ids.idle!, ids["never-used"]!] } },
      select: { targetId: true, actorId: true, details: true },
    });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ actorId: admin.user.id, details: { reason: "idle", idle_key_days: 30 } });
    // A second run finds nothing left to revoke and audits nothing more.
    expect(await revokeIdleKeys(admin, [ids.idle!])).toEqual({ revoked: [] });
  });

  it("is for admins only", async () => {
    await expect(revokeIdleKeys(user, [ids.fresh!])).rejects.toMatchObject({ status: 403 });
  });
});
