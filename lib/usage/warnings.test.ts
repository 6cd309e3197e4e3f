import { describe, expect, it } from "vitest";
import { keyWarnings, policyViolations, type KeyPolicy } from "@/lib/usage/warnings";

const DAY_MS = 86_400_000;
const NOW = Date.parse("2026-12-01T12:00:00Z");
const iso = (daysFromNow: number) => new Date(NOW + daysFromNow * DAY_MS).toISOString();
const policy: KeyPolicy = {
  idle_key_days: 30,
  expiry_warning_days: 7,
  key_max_ttl_days: 90,
  key_allow_no_expiry: false,
  user_grantable_scopes: ["keys:read", "keys:write"],
};
const key = (fields: Partial<Parameters<typeof keyWarnings>[0]> = {}) => ({
  status: "active",
  expires_at: iso(60),
  last_used_at: iso(-1),
  created_at: iso(-100),
  ...fields,
});

describe("keyWarnings", () => {
  it("flags an active key expiring within the warning window, and not one after it", () => {
    expect(keyWarnings(key({ expires_at: iso(6) }), policy, NOW)).toEqual(["expiring_soon"]);
    expect(keyWarnings(key({ expires_at: iso(8) }), policy, NOW)).toEqual([]);
  });

  it("flags a key unused for longer than idle_key_days, or never used since then", () => {
    expect(keyWarnings(key({ last_used_at: iso(-31) }), policy, NOW)).toEqual(["idle"]);
    expect(keyWarnings(key({ last_used_at: null, created_at: iso(-31) }), policy, NOW)).toEqual(["idle"]);
    expect(keyWarnings(key({ last_used_at: null, created_at: iso(-29) }), policy, NOW)).toEqual([]);
  });

  it("stays quiet for revoked and expired keys, and for idle keys when idle_key_days is 0", () => {
    expect(keyWarnings(key({ status: "revoked", expires_at: iso(1) }), policy, NOW)).toEqual([]);
    expect(keyWarnings(key({ last_used_at: iso(-300) }), { ...policy, idle_key_days: 0 }, NOW)).toEqual([]);
  });
});

describe("policyViolations", () => {
  const owned = (fields: { expires_at?: string | null; scopes?: string[]; role?: string }) => ({
    expires_at: fields.expires_at === undefined ? iso(30) : fields.expires_at,
    scopes: fields.scopes ?? ["keys:read"],
    owner: { role: fields.role ?? "USER" },
  });

  it("names each way a key exceeds the policy", () => {
    expect(policyViolations(owned({}), policy, NOW)).toEqual([]);
    expect(policyViolations(owned({ expires_at: null }), policy, NOW)).toEqual(["never expires"]);
    expect(policyViolations(owned({ expires_at: iso(200) }), policy, NOW)).toEqual(["lives longer than 90 days"]);
    expect(policyViolations(owned({ scopes: ["keys:read", "models:write"] }), policy, NOW)).toEqual([
      "holds models:write, which users may not grant",
    ]);
  });

  it("does not hold an admin's key to the scopes users may grant", () => {
    expect(policyViolations(owned({ scopes: ["models:write", "admin"], role: "ADMIN" }), policy, NOW)).toEqual([]);
  });
});
