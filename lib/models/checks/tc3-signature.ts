import { createHash, createHmac } from "node:crypto";

// Tencent Cloud API v3's request signature. Its own module, free of the catalog, so the fake
// provider (which runs under Playwright's plain Node loader too) can check signatures with it.

const TC3_SERVICE = "hunyuan";
export const TC3_VERSION = "2023-09-01";
export const TC3_CONTENT_TYPE = "application/json; charset=utf-8";

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const hmac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text, "utf8").digest();

/** Tencent Cloud API v3's signature (TC3-HMAC-SHA256) over method, path, content type, host and body. */
export function tc3Authorization(input: {
  secretId: string;
  secretKey: string;
  host: string;
  payload: string;
  timestamp: number;
  service?: string;
}): string {
  const service = input.service ?? TC3_SERVICE;
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const canonical = [
    "POST",
    "/",
    "",
    `content-type:${TC3_CONTENT_TYPE}\nhost:${input.host}\n`,
    "content-type;host",
    sha256Hex(input.payload),
  ].join("\n");
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", String(input.timestamp), scope, sha256Hex(canonical)].join("\n");
  const signingKey = hmac(hmac(hmac(`TC3${input.secretKey}`, date), service), "tc3_request");
  const signature = createHmac("sha256", signingKey).update(stringToSign, "utf8").digest("hex");
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}
