// Why a single sign-on was refused: the code travels in the login page's URL (`/login?error=…`),
// the sentence is what the page shows. Codes only, never anything from the identity provider.

export const OIDC_REFUSALS = {
  no_email: "Your identity provider did not share an email address, so Keydesk cannot tell who you are.",
  unverified_email: "Your identity provider has not verified your email address. Verify it there, then sign in again.",
  not_registered:
    "There is no Keydesk account for your email address, and accounts are not created on first sign-in. Ask an administrator to create one.",
  disabled: "This account is disabled. Ask an administrator to enable it.",
  last_admin:
    "Your identity provider no longer puts you in an administrator group, but you are Keydesk's last administrator. Make someone else an administrator first, or restore your group.",
  failed: "Single sign-on failed. Try again, or ask an administrator to check the identity provider's settings.",
} as const;

export type OidcRefusal = keyof typeof OIDC_REFUSALS;

/** The sentence for a `?error=` value; Auth.js's own error codes (its callback failures) read as "failed". */
export function oidcRefusalMessage(code: string | undefined): string | undefined {
  if (!code) return undefined;
  return Object.hasOwn(OIDC_REFUSALS, code) ? OIDC_REFUSALS[code as OidcRefusal] : OIDC_REFUSALS.failed;
}
