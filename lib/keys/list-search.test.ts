// How a search finds its matches (lib/keys/list-search.ts) on an owner large enough for each of
// its ways: a word more than 10,000 names hold (key_name_words), a walk of the owner's keys for a
// common substring, and the trigram indexes given q's rarest word. Each way must give the same
// answers any search gives; which way was taken is read from planSearch itself.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { planSearch } from "@/lib/keys/list-search";
import { createUser, sessionCookie } from "@/tests/support/fixtures";
import { keysApi } from "@/tests/support/key-routes";

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;
let api: ReturnType<typeof keysApi>;

const everyKey = (user: User) => Prisma.sql`k.owner_id = ${user.id} AND TRUE`;
const names = (response: { data: { items: { name: string }[] } }) => response.data.items.map((item) => item.name);
const words = async (user: User) =>
  Object.fromEntries(
    (
      await db.$queryRaw<{ word: string; keys: number }[]>`
        SELECT word, keys FROM key_name_words WHERE owner_id = ${user.id} ORDER BY word`
    ).map((row) => [row.word, row.keys]),
  );

beforeAll(async () => {
  owner = await createUser();
  api = keysApi({ cookie: await sessionCookie(owner) });
  // 20,001 keys "walker 1"…"walker 20001" an hour old, then the 2,000 newest, "fresh walker 1"…
  await db.$executeRaw`
    INSERT INTO api_keys (id, owner_id, name, start, hash, scopes, created_at)
    SELECT gen_random_uuid()::text, ${owner.id}, CASE WHEN i <= 20001 THEN 'walker ' || i ELSE 'fresh walker ' || (i - 20001) END,
           'kd_walk' || i, md5(${owner.id} || i), '{keys:read}',
           now() AT TIME ZONE 'UTC' - CASE WHEN i <= 20001 THEN interval '1 hour' ELSE interval '0' END
    FROM generate_series(1, 22001) AS i`;
});

describe("a search at more than 10,000 matches", () => {
  it("takes a word more than 10,000 names hold as past the limit, from key_name_words alone", async () => {
    expect(await words(owner)).toEqual({ fresh: 2_000, walker: 22_001 });
    expect((await planSearch(everyKey(owner), owner.id, "WALKER", true)).exceedsLimit).toBe(true);
    const response = await api.list("?q=WALKER&per_page=2");
    expect(response.data).toMatchObject({ total: 10_000, total_exact: false });
    expect(names(response)).toHaveLength(2);
  });

  it("walks the owner's keys for a substring common among the newest, and stops at 10,001 matches", async () => {
    expect((await planSearch(everyKey(owner), owner.id, "alker", true)).exceedsLimit).toBe(true);
    expect((await api.list("?q=alker&per_page=1")).data).toMatchObject({ total: 10_000, total_exact: false });
  });

  it("counts exactly when the walk finds fewer than 10,001, as for a word the newest keys all hold", async () => {
    expect((await planSearch(everyKey(owner), owner.id, "fresh", true)).exceedsLimit).toBe(false);
    const response = await api.list("?q=fresh&sort=name&per_page=2");
    expect(response.data).toMatchObject({ total: 2_000, total_exact: true });
    expect(names(response)).toEqual(["fresh walker 1", "fresh walker 2"]);
  });
});

describe("a search for a phrase with a rare word", () => {
  it("gives the trigram index only the rarest word, and checks the whole phrase", async () => {
    const plan = await planSearch(everyKey(owner), owner.id, "Walker 20001", true);
    expect(plan).toMatchObject({ exceedsLimit: false });
    expect(plan.indexed.values).toContain("%20001%");
    expect(plan.indexed.values).not.toContain("%walker 20001%");
    expect(names(await api.list("?q=Walker%2020001"))).toEqual(["walker 20001"]);
    // "walker 2000", "walker 20000", "walker 20001" and "fresh walker 2000".
    expect((await api.list("?q=walker%202000")).data).toMatchObject({ total: 4, total_exact: true });
  });
});

describe("a search on an owner of fewer than 20,000 keys", () => {
  it("samples nothing and gives the trigram index the whole phrase", async () => {
    const small = await createUser();
    await db.$executeRaw`
      INSERT INTO api_keys (id, owner_id, name, start, hash, scopes)
      SELECT gen_random_uuid()::text, ${small.id}, 'walker ' || i, 'kd_small' || i, md5(${small.id} || i), '{}'
      FROM generate_series(1, 3) AS i`;
    const plan = await planSearch(everyKey(small), small.id, "Walker 2", true);
    expect(plan).toMatchObject({ exceedsLimit: false });
    expect(plan.indexed.values).toContain("%walker 2%");
  });
});

describe("key_name_words", () => {
  it("follows renames and deletes, and goes with its owner", async () => {
    const user = await createUser();
    await db.$executeRaw`
      INSERT INTO api_keys (id, owner_id, name, start, hash, scopes)
      VALUES ('w-1', ${user.id}, 'Prod key', 'kd_w1', md5('w-1'), '{}'), ('w-2', ${user.id}, 'prod-EU key key 2', 'kd_w2', md5('w-2'), '{}')`;
    // Each key counts a word once; words without a letter ("2") are not kept.
    expect(await words(user)).toEqual({ eu: 1, key: 2, prod: 2 });
    await db.$executeRaw`UPDATE api_keys SET name = 'Staging key' WHERE id = 'w-1'`;
    expect(await words(user)).toEqual({ eu: 1, key: 2, prod: 1, staging: 1 });
    await db.$executeRaw`DELETE FROM api_keys WHERE id = 'w-2'`;
    expect(await words(user)).toEqual({ key: 1, staging: 1 });
    await db.user.delete({ where: { id: user.id } });
    expect(await words(user)).toEqual({});
  });
});

describe("a page of a search past 10,000 matches", () => {
  it("is the same whether the walk in sort order finds it or every match is sorted", async () => {
    const user = await createUser();
    const userApi = keysApi({ cookie: await sessionCookie(user) });
    // By name, 10,001 "alpha N" keys come before 10,001 "zeta N": a walk of the first 10,000 keys
    // finds no "zeta", so the first page by name is sorted from every match; later pages, after
    // the cursor, and the first page by -name are found by the walk.
    await db.$executeRaw`
      INSERT INTO api_keys (id, owner_id, name, start, hash, scopes)
      SELECT gen_random_uuid()::text, ${user.id}, CASE WHEN i <= 10001 THEN 'alpha ' || i ELSE 'zeta ' || (i - 10001) END,
             'kd_past' || i, md5(${user.id} || i), '{keys:read}'
      FROM generate_series(1, 20002) AS i`;
    const first = await userApi.list("?q=zeta&sort=name&per_page=3");
    expect(first.data).toMatchObject({ total: 10_000, total_exact: false });
    expect(names(first)).toEqual(["zeta 1", "zeta 2", "zeta 3"]);
    const next = await userApi.list(`?q=zeta&sort=name&per_page=3&cursor=${first.data.next_cursor}`);
    expect(names(next)).toEqual(["zeta 4", "zeta 5", "zeta 6"]);
    expect(names(await userApi.list("?q=zeta&sort=name&page=3&per_page=3"))).toEqual(["zeta 7", "zeta 8", "zeta 9"]);
    expect(names(await userApi.list("?q=zeta&sort=-name&per_page=2"))).toEqual(["zeta 10001", "zeta 10000"]);
    // Last use is in key_last_used (none yet): the walk reads both tables.
    const byLastUse = names(await userApi.list("?q=zeta&sort=-last_used_at&per_page=2"));
    expect(byLastUse).toEqual([expect.stringMatching(/^zeta \d+$/), expect.stringMatching(/^zeta \d+$/)]);
  });
});
