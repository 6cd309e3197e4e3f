// Which keys deserve a warning, decided once for the /keys table, the key page and the admin
// overview. Pure, so client components use it with the policy the page hands them.
const DAY_MS = 86_400_000;

/** The settings (SPEC §2) that decide warnings: 0 idle days turns the idle flag off. */
export type WarningPolicy = { idle_key_days: number; expiry_warning_days: number };
/** The settings a key made before a stricter policy may now exceed. */
export type KeyPolicy = WarningPolicy & {
  key_max_ttl_days: number;
  key_allow_no_expiry: boolean;
  user_grantable_scopes: readonly string[];
};

export type KeyWarning = "expiring_soon" | "idle";
type WarnedKey = { status: string; expires_at: string | null; last_used_at: string | null; created_at: string };

export function keyWarnings(key: WarnedKey, policy: WarningPolicy, now = Date.now()): KeyWarning[] {
  if (key.status !== "active") return [];
  const warnings: KeyWarning[] = [];
  if (key.expires_at && Date.parse(key.expires_at) - now <= policy.expiry_warning_days * DAY_MS)
    warnings.push("expiring_soon");
  const lastActivity = Date.parse(key.last_used_at ?? key.created_at);
  if (policy.idle_key_days > 0 && now - lastActivity > policy.idle_key_days * DAY_MS) warnings.push("idle");
  return warnings;
}

export function describeWarning(warning: KeyWarning, key: WarnedKey, policy: WarningPolicy): string {
  if (warning === "expiring_soon") return `Expires within ${policy.expiry_warning_days} days`;
  return key.last_used_at
    ? `Unused for over ${policy.idle_key_days} days`
    : `Never used in ${policy.idle_key_days} days`;
}

type PolicyKey = { expires_at: string | null; scopes: readonly string[]; owner: { role: string } };

/** Why an existing key would not be allowed under the current policy (empty: it would). */
export function policyViolations(key: PolicyKey, policy: KeyPolicy, now = Date.now()): string[] {
  const violations: string[] = [];
  if (key.expires_at === null && !policy.key_allow_no_expiry) violations.push("never expires");
  if (key.expires_at && Date.parse(key.expires_at) - now > policy.key_max_ttl_days * DAY_MS)
    violations.push(`lives longer than ${policy.key_max_ttl_days} days`);
  const ungrantable = key.scopes.filter((scope) => scope !== "admin" && !policy.user_grantable_scopes.includes(scope));
  if (key.owner.role === "USER" && ungrantable.length > 0)
    violations.push(`holds ${ungrantable.join(", ")}, which users may not grant`);
  return violations;
}
