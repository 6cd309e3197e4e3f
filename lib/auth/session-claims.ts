// The claims Keydesk puts in a session token. No database here: e2e and bench scripts forge
// tokens with them.

/** What a session token claims, as next-auth hands it over (unchecked). */
export type SessionClaims = {
  /** The user's session version when they signed in. */
  sv?: unknown;
  /** The session's own id, made at sign-in; listed in ended_sessions once it signs out. */
  sid?: unknown;
  /** When the user signed in, in seconds since the epoch. */
  sat?: unknown;
};

/**
 * How long a session may last however active it is. next-auth renews the token's 12-hour expiry
 * on every request, so without this bound a signed-out token kept busy would outlive its row in
 * ended_sessions.
 */
export const SESSION_ABSOLUTE_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

export const nowInSeconds = () => Math.floor(Date.now() / 1000);

/** The claims a new session's token starts with. */
export function newSessionClaims(sessionVersion: number) {
  return { sv: sessionVersion, sid: crypto.randomUUID(), sat: nowInSeconds() };
}
