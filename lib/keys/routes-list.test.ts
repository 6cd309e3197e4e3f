// GET /api/v1/keys: paging, search, status filter and sort, all done in the database.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/service";
import { callerFor, createUser, sessionCookie } from "@/tests/support/fixtures";
import { DAY_MS, keysApi } from "@/tests/support/key-routes";

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;
let api: ReturnType<typeof keysApi>;
let pagerApi: ReturnType<typeof keysApi>;
const secrets: Record<string, string> = {};

async function addKey(user: User, name: string, alias?: string) {
  const created = await createKey(callerFor(user), user.id, { name, alias });
  secrets[name] = created.key!;
  return created.id;
}

const names = (response: { data: { items: { name: string }[] } }) => response.data.items.map((item) => item.name);

beforeAll(async () => {
  owner = await createUser({ email: "lister@example.test" });
  api = keysApi({ cookie: await sessionCookie(owner) });
  const now = Date.now();
  // Fixed, distinct times so every sort has exactly one right answer; nulls test "nulls last".
  const rows = [
    {
      name: "alpha",
      alias: "payments-prod",
      createdAt: "2026-01-01",
      lastUsedAt: "2026-03-01",
      expiresAt: now + 10 * DAY_MS,
      revokedAt: null,
    },
    { name: "beta", alias: undefined, createdAt: "2026-01-02", lastUsedAt: null, expiresAt: null, revokedAt: null },
    {
      name: "gamma",
      alias: undefined,
      createdAt: "2026-01-03",
      lastUsedAt: "2026-02-01",
      expiresAt: now + 5 * DAY_MS,
      revokedAt: new Date(now - DAY_MS),
    },
    {
      name: "delta",
      alias: undefined,
      createdAt: "2026-01-04",
      lastUsedAt: "2026-04-01",
      expiresAt: now - DAY_MS,
      revokedAt: null,
    },
  ];
  for (const row of rows) {
    const id = await addKey(owner, row.name, row.alias);
    await db.apiKey.update({
      where: { id },
      data: {
        createdAt: new Date(row.createdAt),
        lastUse: { update: { lastUsedAt: row.lastUsedAt && new Date(row.lastUsedAt) } },
        expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt),
        revokedAt: row.revokedAt,
      },
    });
  }
  // Someone else's keys share names and aliases with the owner's and must never show up.
  const stranger = await createUser();
  await addKey(stranger, "alpha (stranger)", "payments-prod");

  const pager = await createUser();
  pagerApi = keysApi({ cookie: await sessionCookie(pager) });
  for (let i = 1; i <= 25; i++) await addKey(pager, `bulk-${String(i).padStart(2, "0")}`);
});

describe("GET /keys paging", () => {
  it("defaults to page 1 of 20, newest first", async () => {
    const response = await pagerApi.list();
    expect(response).toMatchObject({ status: 200, code: 0, data: { total: 25, page: 1, per_page: 20 } });
    expect(response.data.items).toHaveLength(20);
    expect(names(response).slice(0, 2)).toEqual(["bulk-25", "bulk-24"]);
  });

  it("returns the requested page and an empty page past the end", async () => {
    const third = await pagerApi.list("?per_page=10&page=3&sort=name");
    expect(third.data).toMatchObject({ total: 25, page: 3, per_page: 10 });
    expect(names(third)).toEqual(["bulk-21", "bulk-22", "bulk-23", "bulk-24", "bulk-25"]);
    const beyond = await pagerApi.list("?per_page=10&page=4");
    expect(beyond).toMatchObject({ status: 200, data: { items: [], total: 25, page: 4 } });
  });

  it("accepts per_page 1 and 100", async () => {
    expect((await pagerApi.list("?per_page=1")).data.items).toHaveLength(1);
    expect((await pagerApi.list("?per_page=100")).data.items).toHaveLength(25);
  });

  it.each([
    ["per_page=0", "per_page"],
    ["per_page=101", "per_page"],
    ["per_page=ten", "per_page"],
    ["page=0", "page"],
    ["page=1.5", "page"],
  ])("400s %s and names the field", async (query, field) => {
    const response = await pagerApi.list(`?${query}`);
    expect(response).toMatchObject({ status: 400, code: 400, message: "Invalid query" });
    expect(Object.keys(response.data.fields)).toEqual([field]);
  });

  it("400s an unknown query parameter", async () => {
    const response = await pagerApi.list("?limit=5");
    expect(response).toMatchObject({ status: 400, data: { fields: { limit: ["Unknown field"] } } });
  });
});

describe("GET /keys search", () => {
  it("matches the name, case-insensitively", async () => {
    expect(names(await api.list("?q=ALPH"))).toEqual(["alpha"]);
  });

  it("matches the alias", async () => {
    expect(names(await api.list("?q=payments"))).toEqual(["alpha"]);
  });

  it("matches the displayed start of the secret", async () => {
    const response = await api.list(`?q=${secrets.beta!.slice(0, 12)}`);
    expect(names(response)).toEqual(["beta"]);
    expect(response.data.items[0].start).toBe(secrets.beta!.slice(0, 12));
  });

  it.each(["%", "_", "a%a", "%25"])("treats q=%s as literal text, not a LIKE pattern", async (q) => {
    // No name, alias or start here contains (or starts with) these characters.
    expect(await api.list(`?q=${encodeURIComponent(q)}`)).toMatchObject({ status: 200, data: { items: [], total: 0 } });
  });

  it("400s a NUL character in q instead of failing in the database", async () => {
    expect(await api.list("?q=a%00b")).toMatchObject({ status: 400, data: { fields: { q: [expect.any(String)] } } });
  });

  it("finds nothing for a term in no key, and never another user's keys", async () => {
    expect(await api.list("?q=stranger")).toMatchObject({ status: 200, data: { items: [], total: 0 } });
  });

  // The search compares stored lower-cased copies of name and alias (migration key_search_folded):
  // they must follow every write, and fold letters beyond ASCII as ILIKE did.
  it("matches names and aliases beyond ASCII in either case, and follows a rename", async () => {
    const user = await createUser();
    const userApi = keysApi({ cookie: await sessionCookie(user) });
    const renamed = await addKey(user, "Ärger-Ölpreis", "Oel-PROD");
    await addKey(user, "ärger-zwei");
    expect(names(await userApi.list("?q=%C3%84RGER"))).toEqual(["ärger-zwei", "Ärger-Ölpreis"]);
    expect(names(await userApi.list("?q=oEL-prod"))).toEqual(["Ärger-Ölpreis"]);
    expect((await userApi.update(renamed, { name: "Übersicht" })).status).toBe(200);
    expect(names(await userApi.list("?q=%C3%BCbersICHT"))).toEqual(["Übersicht"]);
    expect(names(await userApi.list("?q=%C3%96lpreis"))).toEqual([]);
  });
});

describe("GET /keys status filter", () => {
  it.each([
    ["active", ["alpha", "beta"]],
    ["revoked", ["gamma"]],
    ["expired", ["delta"]],
    ["all", ["alpha", "beta", "delta", "gamma"]],
  ])("status=%s", async (status, expected) => {
    const response = await api.list(`?status=${status}&sort=name`);
    expect(names(response)).toEqual(expected);
    expect(response.data.total).toBe(expected.length);
  });

  it("reports each key's status", async () => {
    const response = await api.list("?sort=name");
    expect(response.data.items.map((item: { status: string }) => item.status)).toEqual([
      "active",
      "active",
      "expired",
      "revoked",
    ]);
  });

  it("defaults to all", async () => {
    expect((await api.list()).data.total).toBe(4);
  });

  it("400s an unknown status", async () => {
    expect(await api.list("?status=paused")).toMatchObject({
      status: 400,
      data: { fields: { status: [expect.any(String)] } },
    });
  });
});

describe("GET /keys sort", () => {
  it.each([
    ["created_at", ["alpha", "beta", "gamma", "delta"]],
    ["-created_at", ["delta", "gamma", "beta", "alpha"]],
    ["name", ["alpha", "beta", "delta", "gamma"]],
    ["-name", ["gamma", "delta", "beta", "alpha"]],
    // Never-used and never-expiring keys come last in both directions.
    ["last_used_at", ["gamma", "alpha", "delta", "beta"]],
    ["-last_used_at", ["delta", "alpha", "gamma", "beta"]],
    ["expires_at", ["delta", "gamma", "alpha", "beta"]],
    ["-expires_at", ["alpha", "gamma", "delta", "beta"]],
  ])("sort=%s", async (sort, expected) => {
    expect(names(await api.list(`?sort=${sort}`))).toEqual(expected);
  });

  it.each(["size", "hash", "created_at,name", "+name"])("400s sort=%s", async (sort) => {
    const response = await api.list(`?sort=${encodeURIComponent(sort)}`);
    expect(response).toMatchObject({ status: 400, data: { fields: { sort: [expect.any(String)] } } });
  });
});

describe("GET /keys items", () => {
  it("are key objects, with neither hash nor secret", async () => {
    const [item] = (await api.list("?q=alpha")).data.items;
    expect(Object.keys(item).sort()).toEqual(
      [
        "alias",
        "created_at",
        "created_by",
        "expires_at",
        "id",
        "last_used_at",
        "name",
        "predecessor_id",
        "revoked_at",
        "rolled_at",
        "scopes",
        "start",
        "status",
        "ttl_days",
      ].sort(),
    );
    expect(item).toMatchObject({
      name: "alpha",
      alias: "payments-prod",
      status: "active",
      created_at: "2026-01-01T00:00:00.000Z",
      last_used_at: "2026-03-01T00:00:00.000Z",
    });
    expect(JSON.stringify(item)).not.toContain(secrets.alpha!.slice(12));
  });
});
