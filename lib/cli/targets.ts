// How statements name users and keys in requests. An email or an id goes in the path (encoded);
// a secret never does: it is resolved to an id through a request body first.

import { CliApiError, type ApiClient } from "./api-client";
import { asRecord, CliCommandError } from "./response";

/** `<prefix>_` + 32 random + 6 checksum base62 characters (SPEC §3); the prefix is configurable. */
export const SECRET_PATTERN = /^[A-Za-z0-9]+_[A-Za-z0-9]{38}$/;

export function looksLikeSecret(argument: string): boolean {
  return SECRET_PATTERN.test(argument);
}

/** The fields a key shows in text mode, wherever a statement prints one. */
export const KEY_COLUMNS = [
  "id",
  "name",
  "alias",
  "start",
  "scopes",
  "status",
  "created_at",
  "expires_at",
  "last_used_at",
];

export const userPath = (email: string): string => `/admin/users/${encodeURIComponent(email)}`;
export const keyPath = (email: string, id: string): string => `${userPath(email)}/keys/${encodeURIComponent(id)}`;

const NO_SUCH_SECRET = "no key has that secret (it may have been deleted); check it, or pass the key's id";
// A server without the lookup route answers through verification, which names only usable keys.
const UNRESOLVABLE: Record<string, string> = {
  revoked: "key is revoked; pass its id instead (LIST KEYS OF <email> shows it)",
  expired: "key is expired; pass its id instead (LIST KEYS OF <email> shows it)",
  owner_disabled: "the key's owner is disabled, so its secret cannot be looked up; pass the key's id instead",
  not_found: NO_SUCH_SECRET,
  malformed: "that secret is malformed (its checksum does not match); check it for typos, or pass the key's id",
};

async function idByVerification(client: ApiClient, secret: string): Promise<string> {
  const answer = asRecord(await client.post("/keys/verify", { key: secret }, { auth: false }), "verification");
  if (answer.valid === true && typeof answer.key_id === "string") return answer.key_id;
  const reason = typeof answer.reason === "string" ? answer.reason : "unknown";
  throw new CliCommandError(UNRESOLVABLE[reason] ?? `key cannot be used (${reason}); pass its id instead`);
}

/**
 * Turns a key id or a full secret into a key id. The secret only ever travels in a request body
 * (POST /admin/keys/lookup, which finds revoked and expired keys too), never in a URL, so it
 * stays out of access logs.
 */
export async function resolveKeyId(client: ApiClient, argument: string): Promise<string> {
  if (!looksLikeSecret(argument)) return argument;
  try {
    const key = asRecord(await client.post("/admin/keys/lookup", { key: argument }), "the key");
    if (typeof key.id === "string") return key.id;
    throw new CliCommandError("unexpected answer from the server: the key has no id");
  } catch (error) {
    if (!(error instanceof CliApiError) || error.status !== 404) throw error;
    if (error.message === "API key not found") throw new CliCommandError(NO_SUCH_SECRET);
    return idByVerification(client, argument);
  }
}
