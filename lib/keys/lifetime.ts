// Key lifetimes under the settings' limits (SPEC §3 Lifetime): a lifetime never exceeds the
// maximum, and "never expires" only where the settings allow it. Existing keys are not changed
// when a policy gets stricter; they are refused only when renewed or rolled under it.
import { badRequest } from "@/lib/api/errors";

export type LifetimePolicy = { key_default_ttl_days: number; key_max_ttl_days: number; key_allow_no_expiry: boolean };

const DAY_MS = 86_400_000;

export const expiryFrom = (ttlDays: number | null, from = Date.now()) =>
  ttlDays === null ? null : new Date(from + ttlDays * DAY_MS);

/** `expires_in_days` of a new key: the default when absent, else what was asked for if allowed. */
export function lifetimeForNewKey(policy: LifetimePolicy, requested: number | null | undefined): number | null {
  if (requested === undefined) return policy.key_default_ttl_days;
  if (requested === null && !policy.key_allow_no_expiry) {
    throw badRequest("Keys must expire", {
      expires_in_days: [`Choose 1–${policy.key_max_ttl_days} days: keys without expiry are not allowed here`],
    });
  }
  if (requested !== null && requested > policy.key_max_ttl_days) {
    throw badRequest("Key lifetime is above the maximum", {
      expires_in_days: [`At most ${policy.key_max_ttl_days} days: that is the longest lifetime allowed here`],
    });
  }
  return requested;
}

/** Whether a key's lifetime is within the policies (the admin overview lists those that are not). */
export const isLifetimeAllowed = (policy: LifetimePolicy, ttlDays: number | null) =>
  ttlDays === null ? policy.key_allow_no_expiry : ttlDays <= policy.key_max_ttl_days;

/** Renew and roll keep the key's `ttl_days`; one the settings no longer allow is a 400 naming it. */
export function requireKeptLifetimeAllowed(policy: LifetimePolicy, ttlDays: number | null): void {
  if (isLifetimeAllowed(policy, ttlDays)) return;
  if (ttlDays === null) {
    throw badRequest("Keys must expire", {
      ttl_days: ["This key never expires, which is no longer allowed here: create a new key with a lifetime"],
    });
  }
  throw badRequest("Key lifetime is above the maximum", {
    ttl_days: [
      `This key's lifetime of ${ttlDays} days is above the maximum of ${policy.key_max_ttl_days}: create a new key`,
    ],
  });
}
