// SPEC §3/§8: several instances on one PostgreSQL agree from the moment a call returns. Two real
// app processes, A and B, on a database of this spec's own. Each trial warms B's cache with the
// key (a verify and an authenticated call), changes the key or its owner through A, and the moment
// A answers asks B again, verify and an authenticated call at once. A stale answer is B still
// honouring what A's call ended. Meanwhile B's LISTEN connection is killed now and then.
import { expect, test } from "@playwright/test";
import {
  api,
  inParallel,
  percentile,
  seedKeys,
  seedUser,
  startFaultDatabase,
  startInstance,
  type FaultDatabase,
  type Instance,
  type SeededKey,
} from "./fault-cluster";

const TRIALS_PER_KIND = 200;
const PARALLEL_TRIALS = 16;
const KINDS = ["revoke", "delete", "roll", "disable", "demote"] as const;
type Kind = (typeof KINDS)[number];

test.describe.configure({ timeout: 300_000 });

let database: FaultDatabase;
let a: Instance;
let b: Instance;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = await startFaultDatabase();
  [a, b] = await Promise.all([startInstance(database.url), startInstance(database.url)]);
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.dispose();
});

const USER_SCOPES = ["keys:read", "keys:write"];

/** The change through A, and what B must say after it. */
const CHANGES: Record<
  Kind,
  { change: (key: SeededKey, adminKey: string) => ReturnType<typeof api>; expected: number }
> = {
  revoke: { change: (key) => api(a.url, "POST", `/keys/${key.id}/revoke`, { key: key.secret }), expected: 200 },
  delete: { change: (key) => api(a.url, "DELETE", `/keys/${key.id}`, { key: key.secret }), expected: 200 },
  roll: {
    change: (key) => api(a.url, "POST", `/keys/${key.id}/roll`, { key: key.secret, body: { grace_period_hours: 0 } }),
    expected: 201,
  },
  disable: {
    change: (key, adminKey) =>
      api(a.url, "PATCH", `/admin/users/${key.ownerId}`, { key: adminKey, body: { disabled: true } }),
    expected: 200,
  },
  demote: {
    change: (key, adminKey) =>
      api(a.url, "PATCH", `/admin/users/${key.ownerId}`, { key: adminKey, body: { role: "USER" } }),
    expected: 200,
  },
};

/** An authenticated call on B that the change must end: an admin route for a demoted admin's key. */
const authenticatedCall = (kind: Kind, key: SeededKey) =>
  kind === "demote"
    ? api(b.url, "GET", "/admin/users?per_page=1", { key: key.secret })
    : api(b.url, "GET", `/keys/${key.id}`, { key: key.secret });

type VerifyData = { valid: boolean; scopes?: string[]; reason?: string };

/** Whether B's verify answer still honours the key as it was before the change. */
const stillHonoured = (kind: Kind, data: VerifyData) =>
  kind === "demote" ? data.valid && (data.scopes ?? []).includes("admin") : data.valid;

/** One at a time: each seed query opens a connection, and the server allows only so many. */
async function seedUsers(database: FaultDatabase, role: "USER" | "ADMIN", count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) ids.push(await seedUser(database, role));
  return ids;
}

test("B never answers from before a change A has returned from, even while B's listener is killed", async () => {
  const adminId = await seedUser(database, "ADMIN");
  const [admin] = await seedKeys(database, [adminId], ["keys:read", "keys:write", "admin"]);
  const sharedOwner = await seedUser(database, "USER");
  const subjects: Record<Kind, SeededKey[]> = {
    revoke: await seedKeys(database, Array(TRIALS_PER_KIND).fill(sharedOwner), USER_SCOPES),
    delete: await seedKeys(database, Array(TRIALS_PER_KIND).fill(sharedOwner), USER_SCOPES),
    roll: await seedKeys(database, Array(TRIALS_PER_KIND).fill(sharedOwner), USER_SCOPES),
    disable: await seedKeys(database, await seedUsers(database, "USER", TRIALS_PER_KIND), USER_SCOPES),
    demote: await seedKeys(database, await seedUsers(database, "ADMIN", TRIALS_PER_KIND), ["keys:read", "admin"]),
  };

  // B's listener, killed every 1.5 s for the whole run; each time B must stop trusting its cache.
  let killing = true;
  let listenerKills = 0;
  const killer = (async () => {
    while (killing) {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const killed = await database.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
        [`keydesk-key-cache-listener pid ${b.pid}`],
      );
      listenerKills += killed.length;
    }
  })();

  const stale: string[] = [];
  const unexpected: string[] = [];
  const changeMs: Record<Kind, number[]> = { revoke: [], delete: [], roll: [], disable: [], demote: [] };
  const started = Date.now();
  for (const kind of KINDS) {
    await inParallel(subjects[kind], PARALLEL_TRIALS, async (key) => {
      const warmVerify = await api(b.url, "POST", "/keys/verify", { body: { key: key.secret } });
      const warmCall = await authenticatedCall(kind, key);
      if (!(warmVerify.body?.data as VerifyData).valid || warmCall.status !== 200)
        unexpected.push(`${kind} warm-up: verify ${JSON.stringify(warmVerify.body)}, call ${warmCall.status}`);
      const changed = await CHANGES[kind].change(key, admin.secret);
      changeMs[kind].push(changed.ms);
      if (changed.status !== CHANGES[kind].expected) unexpected.push(`${kind} on A: ${changed.status}`);
      const [verify, call] = await Promise.all([
        api(b.url, "POST", "/keys/verify", { body: { key: key.secret } }),
        authenticatedCall(kind, key),
      ]);
      if (stillHonoured(kind, verify.body?.data as VerifyData))
        stale.push(`${kind}: verify ${JSON.stringify(verify.body)}`);
      if (call.status === 200) stale.push(`${kind}: authenticated call answered 200`);
    });
  }
  killing = false;
  await killer;

  const summary = KINDS.map(
    (kind) =>
      `${kind} on A: median ${percentile(changeMs[kind], 0.5).toFixed(1)} ms, p95 ${percentile(changeMs[kind], 0.95).toFixed(1)} ms`,
  );
  test.info().annotations.push({
    type: "measured",
    description: `${KINDS.length * TRIALS_PER_KIND} trials in ${((Date.now() - started) / 1000).toFixed(1)} s, ${stale.length} stale, B's listener killed ${listenerKills}×; ${summary.join("; ")}`,
  });
  console.log(test.info().annotations.at(-1)?.description);
  expect(unexpected).toEqual([]);
  expect(stale).toEqual([]);
  expect(listenerKills).toBeGreaterThanOrEqual(3);
});
