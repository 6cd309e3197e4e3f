// No server imports: the audit page's client table renders these.
import type { AuditAction } from "@/lib/audit/schemas";

/** The verb and the kind of thing acted on, so an event reads "ana@example.com revoked key ci-deploy". */
const PHRASES: Record<AuditAction, { verb: string; noun: string | null }> = {
  "key.created": { verb: "created", noun: "key" },
  "key.updated": { verb: "updated", noun: "key" },
  "key.revoked": { verb: "revoked", noun: "key" },
  "key.renewed": { verb: "renewed", noun: "key" },
  "key.rolled": { verb: "rolled", noun: "key" },
  "key.deleted": { verb: "deleted", noun: "key" },
  "user.created": { verb: "created", noun: "user" },
  "user.updated": { verb: "updated", noun: "user" },
  "user.deleted": { verb: "deleted", noun: "user" },
  "provider.added": { verb: "added", noun: "provider" },
  "provider.removed": { verb: "removed", noun: "provider" },
  "provider.model_added": { verb: "added a model to", noun: "provider" },
  "provider.model_removed": { verb: "removed a model from", noun: "provider" },
  "defaults.updated": { verb: "changed the default models", noun: null },
  "settings.updated": { verb: "changed the key policies", noun: null },
  "auth.login": { verb: "signed in", noun: null },
  "auth.login_failed": { verb: "failed to sign in as", noun: null },
};

export type AuditPhrase = { verb: string; noun: string | null };

/** An action this build does not know (a newer server) still reads as its own name. */
export function auditPhrase(action: string): AuditPhrase {
  return PHRASES[action as AuditAction] ?? { verb: action, noun: null };
}

const LABELS: Record<string, string> = {
  owner_id: "Owner",
  ttl_days: "Lifetime (days)",
  key_count: "Keys",
  base_url: "Base URL",
  cleared_defaults: "Cleared defaults",
  grace_period_hours: "Grace period (hours)",
  expires_at: "Expires",
  previous_id: "Previous key",
};

function label(field: string): string {
  const known = LABELS[field];
  if (known) return known;
  const words = field.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map(text).join(", ");
  if (typeof value === "object") {
    return Object.entries(value)
      .map(([field, inner]) => `${label(field)}: ${text(inner)}`)
      .join("; ");
  }
  return String(value);
}

/** An event's details as labelled values, in the order they were recorded. */
export function auditDetails(details: unknown): { label: string; value: string }[] {
  if (!details || typeof details !== "object" || Array.isArray(details)) return [];
  return Object.entries(details).map(([field, value]) => ({ label: label(field), value: text(value) }));
}
