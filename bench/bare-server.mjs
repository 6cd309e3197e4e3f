// The baseline of bench/verify.mjs: a bare node:http server doing only SHA-256 + Map lookup over
// the sampled secrets, in a process of its own like Keydesk's server, so neither shares an event
// loop with the load generator.  node bench/bare-server.mjs <samples.json>  → prints `READY <port>`
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const samples = JSON.parse(readFileSync(process.argv[2], "utf8"));
const byHash = new Map(samples.map((s) => [createHash("sha256").update(s.secret).digest("hex"), s]));
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const { key } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const found = byHash.get(createHash("sha256").update(key).digest("hex"));
    const data = found
      ? { valid: true, key_id: found.keyId, user_id: found.userId, scopes: found.scopes, expires_at: found.expiresAt }
      : { valid: false, reason: "not_found" };
    const json = JSON.stringify({ code: 0, data, message: "success" });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
    res.end(json);
  });
});
server.listen(0, "127.0.0.1", () => console.log(`READY ${server.address().port}`));
process.once("SIGTERM", () => process.exit(0));
