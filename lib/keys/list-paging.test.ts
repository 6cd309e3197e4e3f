// GET /keys at depth: cursor pagination (keyset on sort key and id), the page-depth limit, the
// capped total, natural name order, and the owner's key_count the triggers keep.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { KEY_SORTS } from "@/lib/keys/schemas";
import { createKey, deleteKey } from "@/lib/keys/service";
import { callerFor, createUser, sessionCookie } from "@/tests/support/fixtures";
import { DAY_MS, keysApi, otherProcessConnection } from "@/tests/support/key-routes";

type User = Awaited<ReturnType<typeof createUser>>;
type Item = { id: string; name: string };
type Api = ReturnType<typeof keysApi>;

let walker: User;
let walkerApi: Api;

const ids = (response: { data: { items: Item[] } }) => response.data.items.map((item) => item.id);
const names = (response: { data: { items: Item[] } }) => response.data.items.map((item) => item.name);

async function addKeys(user: User, keyNames: string[]) {
  const created = [];
  for (const name of keyNames) created.push(await createKey(callerFor(user), user.id, { name }));
  return created.map((key) => key.id);
}

/** Follows next_cursor from the first page to the end; returns every id in order and the page count. */
async function walk(api: Api, query: string, perPage: number) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const response = await api.list(`?per_page=${perPage}&${query}${suffix}`);
    expect(response.status).toBe(200);
    seen.push(...ids(response));
    cursor = response.data.next_cursor;
    pages++;
  } while (cursor !== null && pages < 100);
  return { seen, pages };
}

beforeAll(async () => {
  walker = await createUser();
  walkerApi = keysApi({ cookie: await sessionCookie(walker) });
  const keyIds = await addKeys(
    walker,
    Array.from({ length: 23 }, (_, i) => `walk ${i}`),
  );
  // Ties in every sort column and NULLs in the nullable ones, so the id tie-breaker and
  // "nulls last" both decide positions; three distinct times, three keys each, then the rest.
  const now = Date.now();
  for (const [i, id] of keyIds.entries()) {
    await db.apiKey.update({
      where: { id },
      data: {
        name: `walk ${i % 4}`,
        createdAt: new Date(Date.UTC(2026, 0, 1 + (i % 3))),
        lastUse: { update: { lastUsedAt: i % 5 === 0 ? null : new Date(Date.UTC(2026, 1, 1 + (i % 2))) } },
        expiresAt: i % 6 === 0 ? null : new Date(now + (1 + (i % 3)) * DAY_MS),
        revokedAt: i % 7 === 0 ? new Date(now - DAY_MS) : null,
      },
    });
  }
});

describe("GET /keys cursor", () => {
  it.each(KEY_SORTS)("walks sort=%s to the end in the same order as one big page, each key once", async (sort) => {
    const whole = ids(await walkerApi.list(`?per_page=100&sort=${sort}`));
    expect(whole).toHaveLength(23);
    const { seen, pages } = await walk(walkerApi, `sort=${sort}`, 5);
    expect(seen).toEqual(whole);
    expect(pages).toBe(5);
  });

  it("walks a filtered list", async () => {
    const whole = ids(await walkerApi.list("?per_page=100&status=active&sort=-last_used_at"));
    const { seen } = await walk(walkerApi, "status=active&sort=-last_used_at", 4);
    expect(seen).toEqual(whole);
    expect(whole.length).toBeGreaterThan(4);
  });

  it("continues a numbered page: page 2's next_cursor leads to page 3", async () => {
    const second = await walkerApi.list("?per_page=5&page=2&sort=name");
    const third = await walkerApi.list("?per_page=5&page=3&sort=name");
    const next = await walkerApi.list(`?per_page=5&sort=name&cursor=${second.data.next_cursor}`);
    expect(ids(next)).toEqual(ids(third));
  });

  it("answers a cursor page with the response shape of SPEC §4, page null", async () => {
    const first = await walkerApi.list("?per_page=20");
    expect(Object.keys(first.data).sort()).toEqual(
      ["items", "next_cursor", "page", "per_page", "total", "total_exact"].sort(),
    );
    expect(first.data).toMatchObject({ total: 23, total_exact: true, page: 1, per_page: 20 });
    const last = await walkerApi.list(`?per_page=20&cursor=${first.data.next_cursor}`);
    expect(last.data).toMatchObject({ total: 23, total_exact: true, page: null, per_page: 20, next_cursor: null });
    expect(last.data.items).toHaveLength(3);
  });

  it("gives no next_cursor when the page holds the last key", async () => {
    expect((await walkerApi.list("?per_page=23")).data.next_cursor).toBeNull();
  });

  it.each([
    ["garbage", "cursor=not-a-cursor!", "cursor"],
    [
      "a forged time",
      `cursor=${Buffer.from(JSON.stringify({ s: "created_at", v: "yesterday", i: "x" })).toString("base64url")}`,
      "cursor",
    ],
  ])("400s %s and names cursor", async (_label, query, field) => {
    const response = await walkerApi.list(`?sort=created_at&${query}`);
    expect(response).toMatchObject({ status: 400, message: "Invalid query" });
    expect(Object.keys(response.data.fields)).toEqual([field]);
  });

  it("400s a cursor from another sort, and a cursor with a page", async () => {
    const cursor = (await walkerApi.list("?per_page=5&sort=name")).data.next_cursor;
    const otherSort = await walkerApi.list(`?sort=-name&cursor=${cursor}`);
    expect(otherSort).toMatchObject({ status: 400, data: { fields: { cursor: [expect.stringMatching(/sort/)] } } });
    const withPage = await walkerApi.list(`?sort=name&page=2&cursor=${cursor}`);
    expect(withPage).toMatchObject({ status: 400, data: { fields: { page: [expect.any(String)] } } });
  });
});

describe("GET /keys page depth", () => {
  it.each(["page=500&per_page=20", "page=100&per_page=100", "page=10000&per_page=1"])(
    "%s is allowed: page reaches 10,000 rows deep",
    async (query) => {
      expect(await walkerApi.list(`?${query}`)).toMatchObject({ status: 200, data: { items: [] } });
    },
  );

  it.each(["page=501&per_page=20", "page=101&per_page=100", "page=10001&per_page=1"])(
    "%s is a 400 naming page: deeper than 10,000 rows",
    async (query) => {
      const response = await walkerApi.list(`?${query}`);
      expect(response).toMatchObject({ status: 400, message: "Invalid query" });
      expect(Object.keys(response.data.fields)).toEqual(["page"]);
    },
  );
});

describe("GET /keys total", () => {
  let crowd: User;
  let crowdApi: Api;

  beforeAll(async () => {
    crowd = await createUser();
    crowdApi = keysApi({ cookie: await sessionCookie(crowd) });
    // 10,001 keys in one statement, as another process might insert them.
    const other = await otherProcessConnection();
    await other.query(
      `INSERT INTO api_keys (id, owner_id, name, start, hash, scopes, created_at)
       SELECT gen_random_uuid()::text, $1, 'crowd ' || i, 'kd_crowd' || i, md5($1 || i), '{keys:read}', now() AT TIME ZONE 'UTC'
       FROM generate_series(1, 10001) AS i`,
      [crowd.id],
    );
    await other.end();
  });

  it("is exact up to 10,000 matches and flagged inexact past them", async () => {
    expect((await crowdApi.list()).data).toMatchObject({ total: 10_000, total_exact: false });
    // "crowd 1000", "crowd 10000" and "crowd 10001".
    expect((await crowdApi.list("?q=crowd%201000")).data).toMatchObject({ total: 3, total_exact: true });
  });

  // A search's page comes from the matches it counted when there are at most 10,000 of them, and
  // from the sort's index past that: both must give the same pages that any other list gives.
  it("pages a search from its counted matches, by page and by cursor, in the sort's order", async () => {
    const names = (response: { data: { items: { name: string }[] } }) => response.data.items.map((item) => item.name);
    // "crowd 1", "crowd 10"…"crowd 19", "crowd 100"…, "crowd 1000"…"crowd 1999", "crowd 10000", "crowd 10001".
    const first = await crowdApi.list("?q=crowd%201&sort=name&per_page=5");
    expect(first.data).toMatchObject({ total: 1113, total_exact: true, page: 1 });
    expect(names(first)).toEqual(["crowd 1", "crowd 10", "crowd 11", "crowd 12", "crowd 13"]);
    const next = await crowdApi.list(`?q=crowd%201&sort=name&per_page=5&cursor=${first.data.next_cursor}`);
    expect(names(next)).toEqual(["crowd 14", "crowd 15", "crowd 16", "crowd 17", "crowd 18"]);
    const third = await crowdApi.list("?q=crowd%201&sort=name&per_page=5&page=3");
    expect(names(third)).toEqual(["crowd 19", "crowd 100", "crowd 101", "crowd 102", "crowd 103"]);
    const last = await crowdApi.list("?q=crowd%201&sort=-name&per_page=3&page=371");
    expect(names(last)).toEqual(["crowd 11", "crowd 10", "crowd 1"]);
    expect(last.data.next_cursor).toBeNull();
    expect((await crowdApi.list("?q=crowd%201&per_page=3&page=372")).data).toMatchObject({ items: [], total: 1113 });
  });

  it("pages a search past 10,000 matches by the sort's index, with the total flagged inexact", async () => {
    const response = await crowdApi.list("?q=CROWD&sort=-name&per_page=3");
    expect(response.data).toMatchObject({ total: 10_000, total_exact: false });
    expect(response.data.items.map((item: { name: string }) => item.name)).toEqual([
      "crowd 10001",
      "crowd 10000",
      "crowd 9999",
    ]);
    const next = await crowdApi.list(`?q=CROWD&sort=-name&per_page=3&cursor=${response.data.next_cursor}`);
    expect(next.data.items.map((item: { name: string }) => item.name)).toEqual([
      "crowd 9998",
      "crowd 9997",
      "crowd 9996",
    ]);
  });

  it("walks a search sorted by last use to its end by cursor, each match once", async () => {
    const seen: string[] = [];
    let cursor = "";
    for (let page = 0; page < 3; page++) {
      const response = await crowdApi.list(`?q=crowd%201000&sort=-last_used_at&per_page=2${cursor}`);
      expect(response.data).toMatchObject({ total: 3, total_exact: true });
      seen.push(...response.data.items.map((item: { name: string }) => item.name));
      if (!response.data.next_cursor) break;
      cursor = `&cursor=${response.data.next_cursor}`;
    }
    expect(seen.sort()).toEqual(["crowd 1000", "crowd 10000", "crowd 10001"]);
  });

  it("is kept on the owner as key_count, by statement, through inserts and deletes", async () => {
    const countOf = async (id: string) =>
      (await db.user.findUniqueOrThrow({ where: { id }, select: { keyCount: true } })).keyCount;
    expect(await countOf(crowd.id)).toBe(10_001);
    expect(await countOf(walker.id)).toBe(23);
    const [id] = await addKeys(walker, ["one more"]);
    expect(await countOf(walker.id)).toBe(24);
    await deleteKey(callerFor(walker), walker.id, id!);
    expect(await countOf(walker.id)).toBe(23);
  });
});

describe("GET /keys name order", () => {
  it("is case-insensitive and natural: numbers compare by value", async () => {
    const sorter = await createUser();
    const api = keysApi({ cookie: await sessionCookie(sorter) });
    await addKeys(sorter, ["key 10", "Zeta", "key 9", "alpha", "Beta", "key 1", "key 100", "beta"]);
    expect(names(await api.list("?sort=name"))).toEqual([
      "alpha",
      "beta",
      "Beta",
      "key 1",
      "key 9",
      "key 10",
      "key 100",
      "Zeta",
    ]);
    expect(names(await api.list("?sort=-name"))).toEqual([
      "Zeta",
      "key 100",
      "key 10",
      "key 9",
      "key 1",
      "Beta",
      "beta",
      "alpha",
    ]);
  });
});
