import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { classifyAddress, isIpLiteral, isMetadataHost, normalizeHostname } from "./address-policy";

// The one HTTP client for calls to model providers (SPEC §8). The host is resolved once, every
// address it resolves to is checked, and the socket is opened to the checked address through a
// lookup that answers with it: a second DNS answer (rebinding) never gets a say. Redirects are
// returned, not followed. Errors name the host and the rule, never a header or a body.

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface ProviderRequest {
  url: URL;
  method: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Loopback and private networks: self-hosted factories, or PROVIDER_ALLOW_PRIVATE_NETWORKS. */
  allowPrivate: boolean;
  /** Tests inject a resolver; production uses the system's. */
  resolve?: Resolver;
}

export interface ProviderResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export type CallFailureKind = "blocked" | "unreachable" | "timeout" | "too_large";

export class ProviderCallError extends Error {
  constructor(
    readonly kind: CallFailureKind,
    message: string,
  ) {
    super(message);
    this.name = "ProviderCallError";
  }
}

/** Enough for any model list; a provider that sends more is not answering a list call. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

const systemResolver: Resolver = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
};

/** Resolves and checks the host; returns the one address to connect to. */
export async function checkedAddress(url: URL, allowPrivate: boolean, resolve: Resolver): Promise<ResolvedAddress> {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ProviderCallError("blocked", "provider URLs must use http or https");
  if (url.username || url.password)
    throw new ProviderCallError("blocked", "provider URLs must not contain a user name or password");
  const host = normalizeHostname(url.hostname);
  if (isMetadataHost(host)) throw new ProviderCallError("blocked", `${host} is a cloud metadata service`);

  let addresses: ResolvedAddress[];
  if (isIpLiteral(host)) addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      const code = error && typeof error === "object" && "code" in error ? String(error.code) : "lookup failed";
      throw new ProviderCallError("unreachable", `could not resolve ${host} (${code})`);
    }
  }
  if (addresses.length === 0) throw new ProviderCallError("unreachable", `could not resolve ${host}`);
  // Every answer must pass, so a name cannot pair a public address with a forbidden one.
  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind === "blocked")
      throw new ProviderCallError("blocked", `${host} is a link-local, metadata or reserved address`);
    if (kind === "private" && !allowPrivate) {
      throw new ProviderCallError(
        "blocked",
        `${host} is on a private network: only self-hosted factories may use one (or set PROVIDER_ALLOW_PRIVATE_NETWORKS=true)`,
      );
    }
  }
  return addresses[0];
}

function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

function socketReason(error: unknown): string {
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string") return error.code;
  return "network error";
}

export async function providerRequest(input: ProviderRequest): Promise<ProviderResponse> {
  const pinned = await checkedAddress(input.url, input.allowPrivate, input.resolve ?? systemResolver);
  const send = input.url.protocol === "https:" ? httpsRequest : httpRequest;
  const host = normalizeHostname(input.url.hostname);
  const headers: Record<string, string> = { ...input.headers };
  if (input.body !== undefined) headers["content-length"] = String(Buffer.byteLength(input.body));

  return new Promise<ProviderResponse>((resolvePromise, reject) => {
    const signal = AbortSignal.timeout(input.timeoutMs);
    const req = send(input.url, {
      method: input.method,
      headers,
      lookup: pinnedLookup(pinned),
      signal,
      // The certificate is checked against the name in the URL, not the pinned address.
      ...(input.url.protocol === "https:" && !isIpLiteral(host) ? { servername: host } : {}),
    });
    const fail = (error: unknown) => {
      if (error instanceof ProviderCallError) reject(error);
      else if (signal.aborted)
        reject(new ProviderCallError("timeout", `timed out after ${Number((input.timeoutMs / 1000).toFixed(3))} s`));
      else reject(new ProviderCallError("unreachable", socketReason(error)));
    };
    req.on("error", fail);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          req.destroy(new ProviderCallError("too_large", `the answer was larger than ${MAX_BODY_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on("error", fail);
      res.on("end", () =>
        resolvePromise({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.end(input.body);
  });
}
