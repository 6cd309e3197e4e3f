// The cold workload of bench/verify.mjs: many keys, each used now and then, so Keydesk's cache
// mostly misses and each verification costs its one indexed read, against bench/bare-pg-server.mjs
// doing only that read. Each request is a uniformly random one of the seeded keys, drawn without
// replacement (a shuffled order): drawn independently, about half of Keydesk's requests in a
// 10 s window would repeat a key it had already cached, and the run would no longer measure the
// miss path. For the same reason a measured window sends each key once and ends there instead of
// after 10 s: at 13,900 req/s a 10 s window sent 139,000 requests over 100,000 keys, the last third
// answered from the cache, so a faster server got more hits and a greater lead (2026-12-02 19:16
// UTC: repeats of 34.7% in one window, 0% in another of the same round). After the warm-up the
// owner is renamed, which makes every Keydesk process drop that owner's cached keys (the users
// trigger's NOTIFY), so the measured window starts cold too. The share of measured requests that
// repeated a key is printed: at most that many could have hit.
import autocannon from "autocannon";
import pg from "pg";

function shuffled(items) {
  const order = [...items];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Closed loop at full speed; each request's key comes next in a fresh shuffled order of `secrets`.
 * For `seconds`, or without them until every key has been sent once.
 */
export async function coldRun({ port, path, secrets, seconds, connections }) {
  const order = shuffled(secrets.map((_, index) => index));
  const sent = new Uint8Array(secrets.length);
  let next = 0;
  let repeats = 0;
  const latencies = [];
  const started = performance.now();
  let lastResponseAt = started;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    ...(seconds === undefined ? { amount: secrets.length } : { duration: seconds }),
    requests: [
      {
        method: "POST",
        path,
        headers: { "content-type": "application/json" },
        setupRequest: (request) => {
          const index = order[next++ % order.length];
          if (sent[index]) repeats++;
          sent[index] = 1;
          return { ...request, body: JSON.stringify({ key: secrets[index] }) };
        },
      },
    ],
  });
  instance.on("response", (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
    lastResponseAt = performance.now();
  });
  const result = await instance;
  const failures = result.non2xx + result.errors + result.timeouts;
  return {
    latencies,
    failures,
    // To the last answer: with `amount` set, autocannon notices it only at its next one-second
    // tick and reports that as the duration, up to a second too long.
    elapsed: (lastResponseAt - started) / 1000,
    served: latencies.length + failures,
    repeatShare: next === 0 ? 0 : repeats / next,
  };
}

/** Runs `fn` with a client on the bench database. */
async function withDatabase(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Renames every owner: each process's key cache drops their keys, as after any change to a user. */
export function dropCachedKeys(url) {
  return withDatabase(url, (client) => client.query(`UPDATE users SET name = name || '.'`));
}

/** The database's backend processes now (both servers' pools once warmed up), to measure their CPU. */
export function backendPids(url) {
  return withDatabase(url, async (client) => {
    const { rows } = await client.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.map((row) => row.pid);
  });
}

/**
 * Moves every recorded last use an hour back, so the next window's verifications are each due for
 * a last-used write again (a key's use is written at most once a minute) however recently an
 * earlier window used it. The vacuum clears the dead rows this leaves now, rather than an
 * autovacuum doing it during the window.
 */
export function ageRecordedUses(url) {
  return withDatabase(url, async (client) => {
    await client.query(
      `UPDATE key_last_used SET last_used_at = last_used_at - interval '1 hour' WHERE last_used_at IS NOT NULL`,
    );
    await client.query(VACUUM_WRITES);
  });
}

const VACUUM_WRITES = "VACUUM ANALYZE key_last_used, key_usage";

/** Vacuums what verification writes (last uses, usage counts), as an autovacuum would later. */
export function vacuumWrites(url) {
  return withDatabase(url, (client) => client.query(VACUUM_WRITES));
}

/** The database's clock now, and the keys whose last use was written since such a time. */
export function databaseNow(url) {
  return withDatabase(
    url,
    async (client) => (await client.query("SELECT (now() AT TIME ZONE 'UTC')::text AS now")).rows[0].now,
  );
}
export function usesWrittenSince(url, since) {
  return withDatabase(
    url,
    async (client) =>
      (
        await client.query("SELECT count(*)::integer AS n FROM key_last_used WHERE last_used_at >= $1::timestamp", [
          since,
        ])
      ).rows[0].n,
  );
}
