import { importPKCS8, SignJWT } from "jose";
import { parseServiceAccount } from "../credentials";
import type { Check, CheckContext, CheckResult } from "./check-types";
import { call, endpoint, failureFor, isOk, malformed, parseJson, scrub } from "./http";

// OAuth token exchanges: BaiduYiyan's client-credentials grant and a Google Cloud service
// account's JWT bearer grant (RS256, signed with jose). Client secrets and assertions go in the
// form body, never in the URL, though Baidu's own examples put them in the query.

const GOOGLE_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

async function exchange(context: CheckContext, url: URL, form: Record<string, string>): Promise<CheckResult> {
  const body = new URLSearchParams(form).toString();
  const headers = { "content-type": "application/x-www-form-urlencoded" };
  const outcome = await call(context, url, { method: "POST", headers, body });
  if (!outcome.ok) return outcome;
  if (!isOk(outcome.response)) return failureFor(context, url, outcome.response);
  const json = parseJson(outcome.response.body);
  if (!json || typeof json !== "object") return malformed(url, "a token");
  const record = json as Record<string, unknown>;
  if (typeof record.access_token === "string" && record.access_token !== "") {
    return { ok: true, message: "token issued", models: null };
  }
  // Baidu answers some refusals with a 200 that carries error and error_description.
  if (typeof record.error === "string") {
    const said = typeof record.error_description === "string" ? record.error_description : record.error;
    return { ok: false, kind: "rejected", message: scrub(said, context) };
  }
  return malformed(url, "a token");
}

export const baiduOAuth: Check = (context) =>
  exchange(context, endpoint(context.baseUrl, "/oauth/2.0/token"), {
    grant_type: "client_credentials",
    client_id: context.credentials.api_key ?? "",
    client_secret: context.credentials.secret_key ?? "",
  });

export const googleServiceAccount: Check = async (context) => {
  const account = parseServiceAccount(context.credentials.service_account_json ?? "");
  if (!account) return { ok: false, kind: "rejected", message: "not a service account key file" };
  const url = endpoint(context.baseUrl, "/token");
  let assertion: string;
  try {
    const key = await importPKCS8(account.private_key, "RS256");
    const now = Math.floor(Date.now() / 1000);
    assertion = await new SignJWT({ scope: GOOGLE_SCOPE })
      .setProtectedHeader({ alg: "RS256", typ: "JWT" })
      .setIssuer(account.client_email)
      .setSubject(account.client_email)
      .setAudience(url.toString())
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key);
  } catch {
    return { ok: false, kind: "rejected", message: "the service account's private key is not a valid RSA key" };
  }
  return exchange(context, url, { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion });
};
