// The cache-miss baseline of bench/verify.mjs: a bare node:http server doing, per request, only
// SHA-256 and one indexed read of the key by hash joined to its owner (the read Keydesk makes on
// a cache miss), as a named prepared statement on a pg pool as large as Keydesk's lookup pool
// (lib/keys/verify-lookup.ts). No cache.
//   node bench/bare-pg-server.mjs <database url>  → prints `READY <port>`
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import pg from "pg";

const pool = new pg.Pool({
  connectionString: process.argv[2],
  max: Math.min(Number(process.env.DB_POOL_SIZE ?? 10), 4),
});
const LOOKUP = {
  name: "bare_lookup",
  text: `SELECT k.id, k.owner_id, k.scopes, k.expires_at AT TIME ZONE 'UTC' AS expires_at,
    k.revoked_at AT TIME ZONE 'UTC' AS revoked_at, u.disabled, u.role
    FROM api_keys k JOIN users u ON u.id = k.owner_id WHERE k.hash = $1`,
};

function answer(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  res.end(json);
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", async () => {
    try {
      const { key } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const hash = createHash("sha256").update(key).digest("hex");
      const { rows } = await pool.query({ ...LOOKUP, values: [hash] });
      const row = rows[0];
      const data = row
        ? {
            valid: true,
            key_id: row.id,
            user_id: row.owner_id,
            scopes: row.scopes,
            expires_at: row.expires_at?.toISOString() ?? null,
          }
        : { valid: false, reason: "not_found" };
      answer(res, 200, { code: 0, data, message: "success" });
    } catch (error) {
      answer(res, 500, { code: 500, data: null, message: String(error) });
    }
  });
});
server.listen(0, "127.0.0.1", () => console.log(`READY ${server.address().port}`));
process.once("SIGTERM", () => void pool.end().finally(() => process.exit(0)));
