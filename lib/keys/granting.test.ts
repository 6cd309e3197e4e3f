// The granting rule (SPEC §3) as one table: every caller kind × every operation that creates a
// secret or sets scopes × the scopes involved, under the default settings and under settings
// that let users grant less. Callers are authenticated for real (session cookie or bearer key);
// the key service decides; a refusal is a 403 that leaves every row and the audit log unchanged.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/api/authenticate";
import { SCOPES, type Caller, type Scope } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { hashKey } from "@/lib/keys/format";
import { renewKey, rollKey } from "@/lib/keys/renewal";
import { createKey, updateKey } from "@/lib/keys/service";
import { USER_SCOPES } from "@/lib/settings/schemas";
import { updateSettings } from "@/lib/settings/service";
import { apiRequest, callerFor, createUser, keyFor, sessionCookie } from "@/tests/support/fixtures";

type User = Awaited<ReturnType<typeof createUser>>;
type Policy = "open" | "restricted";

const ALL = [...SCOPES];
const NON_ADMIN = [...USER_SCOPES];
/** The restricted settings let users grant only these. */
const RESTRICTED: typeof NON_ADMIN = ["keys:read", "models:read"];

/** The scope sets that operations ask for, or that the key being renewed or rolled holds. */
const SCOPE_SETS: Scope[][] = [
  ["keys:read"],
  ["keys:read", "keys:write"],
  ["models:write"],
  NON_ADMIN,
  ["keys:read", "admin"],
  ALL,
];

/**
 * Every caller kind, acting on its own keys, with what it may grant there under each policy —
 * written out, not computed, so the table states the rule rather than repeating the code.
 */
const CALLERS: { kind: string; role: "USER" | "ADMIN"; key: Scope[] | null; mayGrant: Record<Policy, Scope[]> }[] = [
  { kind: "user by session", role: "USER", key: null, mayGrant: { open: NON_ADMIN, restricted: RESTRICTED } },
  {
    kind: "user key [keys:write]",
    role: "USER",
    key: ["keys:write"],
    mayGrant: { open: ["keys:write"], restricted: [] },
  },
  {
    kind: "user key [keys:read keys:write]",
    role: "USER",
    key: ["keys:read", "keys:write"],
    mayGrant: { open: ["keys:read", "keys:write"], restricted: ["keys:read"] },
  },
  {
    kind: "user key [keys:write models:read]",
    role: "USER",
    key: ["keys:write", "models:read"],
    mayGrant: { open: ["keys:write", "models:read"], restricted: ["models:read"] },
  },
  {
    kind: "user key [all non-admin]",
    role: "USER",
    key: NON_ADMIN,
    mayGrant: { open: NON_ADMIN, restricted: RESTRICTED },
  },
  { kind: "admin by session", role: "ADMIN", key: null, mayGrant: { open: ALL, restricted: ALL } },
  { kind: "admin key [all]", role: "ADMIN", key: ALL, mayGrant: { open: ALL, restricted: ALL } },
  // An admin caller grants what the owner may hold, not only what its own key holds.
  {
    kind: "admin key [keys:write admin]",
    role: "ADMIN",
    key: ["keys:write", "admin"],
    mayGrant: { open: ALL, restricted: ALL },
  },
  {
    kind: "admin key [all non-admin]",
    role: "ADMIN",
    key: NON_ADMIN,
    mayGrant: { open: NON_ADMIN, restricted: RESTRICTED },
  },
  {
    kind: "admin key [keys:read keys:write]",
    role: "ADMIN",
    key: ["keys:read", "keys:write"],
    mayGrant: { open: ["keys:read", "keys:write"], restricted: ["keys:read"] },
  },
];

/** Admin callers acting on someone else's keys: what each owner may be given, whatever the policy. */
const ADMIN_CALLERS = CALLERS.filter((entry) => entry.role === "ADMIN" && (entry.key ?? ALL).includes("admin"));
const OTHER_OWNERS = [
  { owner: "another USER", role: "USER" as const, mayGrant: NON_ADMIN },
  { owner: "another ADMIN", role: "ADMIN" as const, mayGrant: ALL },
];

type Operation = "create" | "alias renewal" | "update" | "renew" | "roll" | "admin generate";
type Actor = { caller: Caller; user: User };

const users: Record<"USER" | "ADMIN", User[]> = { USER: [], ADMIN: [] };
const actors = new Map<string, Actor>();

beforeAll(async () => {
  users.USER.push(await createUser(), await createUser());
  users.ADMIN.push(await createUser({ role: "ADMIN" }), await createUser({ role: "ADMIN" }));
  for (const entry of CALLERS) {
    const user = users[entry.role][0]!;
    const credentials = entry.key
      ? { key: (await keyFor(user, entry.key)).secret }
      : { cookie: await sessionCookie(user) };
    const authenticated = await authenticate(apiRequest("POST", "/api/v1/keys", credentials));
    actors.set(entry.kind, { caller: authenticated!.caller, user });
  }
});

/** A key of the owner holding exactly `scopes`, written straight to the table (a demoted owner's key may hold admin). */
async function keyHolding(owner: User, scopes: Scope[], extra: { alias?: string; revokedAt?: Date } = {}) {
  const secret = `kd_${randomBytes(19).toString("hex")}`;
  return db.apiKey.create({
    data: {
      ownerId: owner.id,
      name: "target",
      start: secret.slice(0, 12),
      hash: hashKey(secret),
      scopes,
      ttlDays: 30,
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
      ...extra,
    },
    select: { id: true },
  });
}

const scopesOf = async (id: string) => (await db.apiKey.findUniqueOrThrow({ where: { id } })).scopes;

/**
 * Sets up one operation on `owner`'s keys: writes the key it acts on (if any) and returns it
 * with a run function that answers the scopes of the key the operation produced or changed.
 */
async function prepare(operation: Operation, caller: Caller, owner: User, scopes: Scope[]) {
  switch (operation) {
    case "create":
    case "admin generate":
      return { targetId: null, run: async () => (await createKey(caller, owner.id, { name: "new", scopes })).scopes };
    case "alias renewal": {
      const alias = `svc-${randomBytes(4).toString("hex")}`;
      const existing = await keyHolding(owner, ["keys:read"], { alias });
      const run = async () => {
        const renewed = await createKey(caller, owner.id, { name: "renewed", alias, scopes });
        expect(renewed).toMatchObject({ id: existing.id, renewed: true });
        return scopesOf(existing.id);
      };
      return { targetId: existing.id, run };
    }
    case "update": {
      const target = await keyHolding(owner, ["keys:read"]);
      const run = async () => (await updateKey(caller, owner.id, target.id, { scopes })).scopes;
      return { targetId: target.id, run };
    }
    case "renew": {
      // Revoked, as in the finding: a narrower key must not bring a broader one back.
      const target = await keyHolding(owner, scopes, { revokedAt: new Date() });
      const run = async () => {
        expect((await renewKey(caller, owner.id, target.id)).status).toBe("active");
        return scopesOf(target.id);
      };
      return { targetId: target.id, run };
    }
    case "roll": {
      const target = await keyHolding(owner, scopes);
      const run = async () => {
        const rolled = await rollKey(caller, owner.id, target.id, 0);
        expect(rolled).toMatchObject({ predecessor_id: target.id, previous: { status: "expired" } });
        return rolled.scopes;
      };
      return { targetId: target.id, run };
    }
  }
}

/** What a refusal must leave as it was: the key acted on (hash included), the owner's key count, the audit log. */
const snapshot = async (owner: User, targetId: string | null) => ({
  target: targetId ? await db.apiKey.findUniqueOrThrow({ where: { id: targetId }, omit: { hash: false } }) : null,
  keys: await db.apiKey.count({ where: { ownerId: owner.id } }),
  audit: await db.auditEvent.count(),
});

async function expectDecision(operation: Operation, caller: Caller, owner: User, scopes: Scope[], allowed: boolean) {
  const { targetId, run } = await prepare(operation, caller, owner, scopes);
  const before = await snapshot(owner, targetId);
  const outcome = await run().then(
    (granted) => ({ granted }),
    (error: { status?: number; message: string }) => ({ refused: error.status, message: error.message }),
  );
  if (allowed) {
    expect(outcome).toEqual({ granted: scopes });
  } else {
    expect(outcome).toMatchObject({ refused: 403 });
    expect(await snapshot(owner, targetId)).toEqual(before);
  }
}

const OWN_OPERATIONS: Operation[] = ["create", "alias renewal", "update", "renew", "roll"];
const subset = (scopes: Scope[], of: Scope[]) => scopes.every((scope) => of.includes(scope));

describe.each<Policy>(["open", "restricted"])("under %s settings", (policy) => {
  beforeAll(async () => {
    const admin = callerFor(users.ADMIN[1]!);
    await updateSettings(admin, { user_grantable_scopes: policy === "open" ? NON_ADMIN : RESTRICTED });
  });

  const ownRows = CALLERS.flatMap((entry) =>
    OWN_OPERATIONS.flatMap((operation) =>
      SCOPE_SETS.map((scopes) => ({ ...entry, operation, scopes, allowed: subset(scopes, entry.mayGrant[policy]) })),
    ),
  );
  it.each(ownRows)(
    "$kind: $operation with [$scopes] on its own key → allowed $allowed",
    async ({ kind, role, operation, scopes, allowed }) => {
      const actor = actors.get(kind)!;
      await expectDecision(operation, actor.caller, users[role][0]!, scopes, allowed);
    },
  );

  it.each(CALLERS)("$kind: create without scopes gets the non-admin scopes it may grant", async (entry) => {
    const actor = actors.get(entry.kind)!;
    const expected = NON_ADMIN.filter((scope) => entry.mayGrant[policy].includes(scope));
    const outcome = await createKey(actor.caller, actor.user.id, { name: "defaults" }).then(
      (key) => key.scopes,
      (error: { status: number }) => error.status,
    );
    expect(outcome).toEqual(expected.length > 0 ? expected : 403);
  });
});

// Admin callers ignore what users may grant: shown under the restricted settings.
describe("admin callers on other owners' keys", () => {
  beforeAll(async () => {
    await updateSettings(callerFor(users.ADMIN[1]!), { user_grantable_scopes: RESTRICTED });
  });

  const otherRows = ADMIN_CALLERS.flatMap((entry) =>
    OTHER_OWNERS.flatMap((other) =>
      (["admin generate", "update", "renew", "roll"] as const).flatMap((operation) =>
        SCOPE_SETS.map((scopes) => ({
          ...entry,
          ...other,
          operation,
          scopes,
          allowed: subset(scopes, other.mayGrant),
        })),
      ),
    ),
  );
  it.each(otherRows)(
    "$kind: $operation with [$scopes] for $owner → allowed $allowed",
    async ({ kind, role, operation, scopes, allowed }) => {
      await expectDecision(operation, actors.get(kind)!.caller, users[role][1]!, scopes, allowed);
    },
  );

  // Everyone else — an ADMIN's key without `admin` included — may not act on another owner's keys at all.
  const nonAdminRows = CALLERS.filter((entry) => !ADMIN_CALLERS.includes(entry)).flatMap((entry) =>
    OTHER_OWNERS.flatMap((other) =>
      (["admin generate", "update", "renew", "roll"] as const).map((operation) => ({ ...entry, ...other, operation })),
    ),
  );
  it.each(nonAdminRows)(
    "$kind: $operation with [keys:read] for $owner → refused",
    async ({ kind, role, operation }) => {
      await expectDecision(operation, actors.get(kind)!.caller, users[role][1]!, ["keys:read"], false);
    },
  );
});

describe("refusals say why", () => {
  it("names the scopes the caller does not hold, and those the settings keep from users", async () => {
    const admin = callerFor(users.ADMIN[1]!);
    await updateSettings(admin, { user_grantable_scopes: ["keys:read", "keys:write"] });
    const { caller, user } = actors.get("user key [keys:read keys:write]")!;
    const session = actors.get("user by session")!;
    await expect(createKey(caller, user.id, { name: "x", scopes: ["models:write"] })).rejects.toMatchObject({
      status: 403,
      message: "You cannot grant scopes you do not hold: models:write",
    });
    await expect(createKey(session.caller, user.id, { name: "x", scopes: ["models:read"] })).rejects.toMatchObject({
      status: 403,
      message: "The key policy does not let users grant: models:read",
    });
    const broad = await keyHolding(user, NON_ADMIN);
    await expect(rollKey(caller, user.id, broad.id, 0)).rejects.toMatchObject({
      status: 403,
      message:
        "Renewing or rolling keeps the key's scopes. You cannot grant scopes you do not hold: models:read, models:write",
    });
  });
});
