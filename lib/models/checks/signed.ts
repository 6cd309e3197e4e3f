import { createHash, createHmac } from "node:crypto";
import { AwsV4Signer } from "aws4fetch";
import type { Check, CheckContext } from "./check-types";
import { discovered } from "./bearer";
import { call, endpoint, failureFor, isOk, malformed, parseJson, scrub } from "./http";

// Providers that take no bearer key but a signature over the request: AWS SigV4 for Bedrock
// (signed by aws4fetch) and Tencent Cloud's TC3-HMAC-SHA256 for Hunyuan.

export const bedrockSigV4: Check = async (context) => {
  const url = endpoint(context.baseUrl, "/foundation-models");
  const signer = new AwsV4Signer({
    method: "GET",
    url: url.toString(),
    headers: { accept: "application/json" },
    accessKeyId: context.credentials.access_key_id ?? "",
    secretAccessKey: context.credentials.secret_access_key ?? "",
    service: "bedrock",
    region: context.credentials.region ?? "",
  });
  const signed = await signer.sign();
  const headers = Object.fromEntries(signed.headers.entries());
  const outcome = await call(context, url, { method: "GET", headers });
  if (!outcome.ok) return outcome;
  if (!isOk(outcome.response)) return failureFor(context, url, outcome.response);
  const json = parseJson(outcome.response.body);
  const summaries = json && typeof json === "object" ? (json as Record<string, unknown>).modelSummaries : undefined;
  if (!Array.isArray(summaries)) return malformed(url, "a Bedrock model list");
  const names = summaries.flatMap((item: unknown) => {
    const id = item && typeof item === "object" ? (item as Record<string, unknown>).modelId : undefined;
    return typeof id === "string" ? [id] : [];
  });
  return { ok: true, message: `${names.length} models listed`, models: discovered(context, names) };
};

const TC3_SERVICE = "hunyuan";
const TC3_VERSION = "2023-09-01";
const TC3_CONTENT_TYPE = "application/json; charset=utf-8";

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

/** GetTokenCount: free, and answers only to a valid signature. Tencent reports errors inside a 200. */
export const tencentTc3: Check = async (context: CheckContext) => {
  const url = endpoint(context.baseUrl, "/");
  const payload = JSON.stringify({ Prompt: "ping" });
  const timestamp = Math.floor(Date.now() / 1000);
  const authorization = tc3Authorization({
    secretId: context.credentials.secret_id ?? "",
    secretKey: context.credentials.secret_key ?? "",
    host: url.host,
    payload,
    timestamp,
  });
  const headers = {
    authorization,
    "content-type": TC3_CONTENT_TYPE,
    "x-tc-action": "GetTokenCount",
    "x-tc-version": TC3_VERSION,
    "x-tc-timestamp": String(timestamp),
  };
  const outcome = await call(context, url, { method: "POST", headers, body: payload });
  if (!outcome.ok) return outcome;
  if (!isOk(outcome.response)) return failureFor(context, url, outcome.response);
  const json = parseJson(outcome.response.body);
  const answer = json && typeof json === "object" ? (json as Record<string, unknown>).Response : undefined;
  if (!answer || typeof answer !== "object") return malformed(url, "a Tencent Cloud answer");
  const error = (answer as Record<string, unknown>).Error;
  if (error && typeof error === "object") {
    const { Code: code, Message: text } = error as Record<string, unknown>;
    const message = scrub(
      `${typeof code === "string" ? code : "Error"}: ${typeof text === "string" ? text : ""}`,
      context,
    );
    const refused =
      typeof code === "string" && (code.startsWith("AuthFailure") || code.startsWith("UnauthorizedOperation"));
    return { ok: false, kind: refused ? "rejected" : "bad_response", message };
  }
  return { ok: true, message: "signature accepted", models: null };
};
