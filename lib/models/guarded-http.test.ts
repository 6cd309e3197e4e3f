import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { classifyAddress } from "./address-policy";
import { ProviderCallError, providerRequest, type Resolver } from "./guarded-http";

// SPEC §8, rule by rule, against real local servers; DNS answers are injected (no network here).

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function local(handler: RequestListener): Promise<{ port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url} host=${req.headers.host}`);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, hits };
}

const get = (url: string, allowPrivate: boolean, resolve?: Resolver, timeoutMs = 2_000) =>
  providerRequest({ url: new URL(url), method: "GET", timeoutMs, allowPrivate, resolve });

async function refusal(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

describe("address classes", () => {
  it.each([
    ["169.254.169.254", "blocked"],
    ["169.254.0.1", "blocked"],
    ["fe80::1", "blocked"],
    ["0.0.0.0", "blocked"],
    ["0.1.2.3", "blocked"],
    ["::", "blocked"],
    ["::ffff:169.254.169.254", "blocked"],
    ["fd00:ec2::254", "blocked"],
    ["100.100.100.200", "blocked"],
    ["224.0.0.1", "blocked"],
    ["64:ff9b::a9fe:a9fe", "blocked"],
    ["127.0.0.1", "private"],
    ["::1", "private"],
    ["10.1.2.3", "private"],
    ["192.168.1.10", "private"],
    ["172.16.0.5", "private"],
    ["fd12:3456::1", "private"],
    ["::ffff:10.0.0.1", "private"],
    ["8.8.8.8", "public"],
    ["2606:4700::1111", "public"],
    ["not an address", "blocked"],
  ])("%s is %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe("providerRequest", () => {
  it.each(["ftp://example.com/v1", "file:///etc/passwd", "gopher://example.com/"])(
    "refuses %s: http(s) only",
    async (url) => {
      const error = await refusal(get(url, true));
      expect(error.kind).toBe("blocked");
      expect(error.message).toBe("provider URLs must use http or https");
    },
  );

  it.each([
    "http://169.254.169.254/latest/meta-data",
    "http://[fe80::1]/",
    "http://0.0.0.0:80/",
    "http://[::]/",
    "http://[fd00:ec2::254]/",
    "http://100.100.100.200/",
    "http://[::ffff:169.254.169.254]/",
    "http://metadata.google.internal/computeMetadata/v1",
    "http://METADATA.google.internal./",
    "http://metadata/",
  ])("always refuses %s, even where private networks are allowed, without resolving", async (url) => {
    const resolve = vi.fn<Resolver>(async () => [{ address: "8.8.8.8", family: 4 }]);
    const error = await refusal(get(url, true, resolve));
    expect(error.kind).toBe("blocked");
    expect(resolve).not.toHaveBeenCalled();
  });

  it("refuses a hostname that resolves to 169.254.169.254", async () => {
    const resolve: Resolver = async () => [{ address: "169.254.169.254", family: 4 }];
    const error = await refusal(get("https://innocent.example/v1/models", true, resolve));
    expect(error).toMatchObject({
      kind: "blocked",
      message: "innocent.example is a link-local, metadata or reserved address",
    });
  });

  it("refuses a hostname with any forbidden answer among public ones", async () => {
    const resolve: Resolver = async () => [
      { address: "8.8.8.8", family: 4 },
      { address: "10.0.0.7", family: 4 },
    ];
    const error = await refusal(get("https://mixed.example/", false, resolve));
    expect(error.kind).toBe("blocked");
    expect(error.message).toMatch(/^mixed\.example is on a private network/);
  });

  it("refuses loopback unless private networks are allowed, then calls it", async () => {
    const { port, hits } = await local((_, res) => res.end("{}"));
    const error = await refusal(get(`http://127.0.0.1:${port}/v1/models`, false));
    expect(error.message).toMatch(/PROVIDER_ALLOW_PRIVATE_NETWORKS=true/);
    expect(hits).toEqual([]);
    const response = await get(`http://127.0.0.1:${port}/v1/models`, true);
    expect(response).toMatchObject({ status: 200, body: "{}" });
    expect(hits).toEqual([`GET /v1/models host=127.0.0.1:${port}`]);
  });

  it("resolves once and connects to the checked address: a rebinding DNS answer gets no say", async () => {
    const { port, hits } = await local((_, res) => res.end("{}"));
    const answers = ["127.0.0.1", "169.254.169.254"];
    const resolve = vi.fn<Resolver>(async () => [{ address: answers.shift() ?? "169.254.169.254", family: 4 }]);
    const response = await get(`http://rebind.example:${port}/v1/models`, true, resolve);
    expect(response.status).toBe(200);
    expect(resolve).toHaveBeenCalledTimes(1);
    // The Host header still names the host, so virtual hosts and TLS names work.
    expect(hits).toEqual([`GET /v1/models host=rebind.example:${port}`]);
  });

  it("returns a redirect instead of following it, even to a private address", async () => {
    const { port, hits } = await local((_, res) => {
      res.writeHead(302, { location: "http://10.0.0.1/admin" });
      res.end();
    });
    const response = await get(`http://127.0.0.1:${port}/v1/models`, true);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("http://10.0.0.1/admin");
    expect(hits).toHaveLength(1);
  });

  it("times out a server that does not answer", async () => {
    const { port } = await local(() => undefined);
    const started = Date.now();
    const error = await refusal(get(`http://127.0.0.1:${port}/`, true, undefined, 200));
    expect(error).toMatchObject({ kind: "timeout", message: "timed out after 0.2 s" });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("reports a closed port and an unknown name as unreachable", async () => {
    const { port } = await local((_, res) => res.end());
    await servers[0].close();
    servers[0].closeAllConnections();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await refusal(get(`http://127.0.0.1:${port}/`, true))).toMatchObject({
      kind: "unreachable",
      message: "ECONNREFUSED",
    });
    const noSuchName: Resolver = async () => {
      throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    };
    expect(await refusal(get("https://nowhere.example/", false, noSuchName))).toMatchObject({
      kind: "unreachable",
      message: "could not resolve nowhere.example (ENOTFOUND)",
    });
  });

  it("stops reading an answer larger than any model list", async () => {
    const { port } = await local((_, res) => {
      res.write("x".repeat(3 * 1024 * 1024));
      res.end("x".repeat(3 * 1024 * 1024));
    });
    expect(await refusal(get(`http://127.0.0.1:${port}/`, true))).toMatchObject({ kind: "too_large" });
  });
});
