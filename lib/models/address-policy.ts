import ipaddr from "ipaddr.js";

// Which addresses a provider call may connect to (SPEC §8). Public unicast is always fine;
// loopback and private ranges only when the caller allows them (self-hosted factories, or
// PROVIDER_ALLOW_PRIVATE_NETWORKS); everything else - link-local, unspecified, multicast,
// reserved, the clouds' metadata services, and addresses that embed another address - never.

export type AddressClass = "public" | "private" | "blocked";

/** Metadata services reachable by name; their addresses are blocked below as well. */
const METADATA_HOSTS = new Set([
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
  "metadata.azure.internal",
  "metadata.tencentyun.com",
  "metadata.platformequinix.com",
]);

/** Metadata addresses that sit inside ranges otherwise only "private" (AWS IPv6 IMDS, Alibaba Cloud). */
const METADATA_ADDRESSES = new Set(["fd00:ec2::254", "100.100.100.200", "169.254.169.254", "169.254.170.2"]);

const PRIVATE_RANGES = new Set(["loopback", "private", "uniqueLocal", "carrierGradeNat"]);

/** Lower case, without the trailing dot that would otherwise dodge a name check. */
export function normalizeHostname(hostname: string): string {
  return hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.+$/, "")
    .toLowerCase();
}

export function isMetadataHost(hostname: string): boolean {
  return METADATA_HOSTS.has(normalizeHostname(hostname));
}

/** Classifies one IP address; anything unparsable is blocked. IPv4-mapped IPv6 counts as its IPv4. */
export function classifyAddress(address: string): AddressClass {
  if (!ipaddr.isValid(address)) return "blocked";
  const parsed = ipaddr.process(address);
  if (METADATA_ADDRESSES.has(parsed.toNormalizedString()) || METADATA_ADDRESSES.has(parsed.toString()))
    return "blocked";
  const range = parsed.range();
  if (range === "unicast") return "public";
  if (PRIVATE_RANGES.has(range)) return "private";
  return "blocked";
}

export function isIpLiteral(hostname: string): boolean {
  return ipaddr.isValid(normalizeHostname(hostname));
}
