import { AwsV4Signer } from "aws4fetch";
import type { Check, CheckContext } from "./check-types";
import { discovered } from "./bearer";
import { call, endpoint, failureFor, isOk, malformed, parseJson, scrub } from "./http";
import { TC3_CONTENT_TYPE, TC3_VERSION, tc3Authorization } from "./tc3-signature";

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
