// The next-auth provider for any OpenID Connect issuer (Keycloak, Authentik, Okta, Entra ID, …),
// found by discovery from AUTH_OIDC_ISSUER. Its profile is the identity that lib/auth/oidc.ts judges.
import { decodeJwt } from "jose";
import type { OIDCConfig } from "next-auth/providers";
import { groupsFromClaim, type OidcIdentity } from "@/lib/auth/oidc";
import { oidcConfig } from "@/lib/config";

export const OIDC_PROVIDER_ID = "oidc";

type Claims = Record<string, unknown> & { sub: string };

/** The ID token's claims: some providers put groups there and not in userinfo (Entra ID does). */
function idTokenClaims(idToken: unknown): Record<string, unknown> {
  if (typeof idToken !== "string") return {};
  try {
    return decodeJwt(idToken);
  } catch {
    return {};
  }
}

/** Who the provider says this is. `email_verified` must be the boolean true (or "true", as some send it). */
export function identityFromClaims(claims: Claims, groupsClaim: string): OidcIdentity {
  const email = typeof claims.email === "string" ? claims.email : null;
  const name = [claims.name, claims.preferred_username].find((value) => typeof value === "string") as
    string | undefined;
  return {
    subject: claims.sub,
    email,
    emailVerified: claims.email_verified === true || claims.email_verified === "true",
    name: name ?? null,
    groups: groupsFromClaim(claims[groupsClaim]),
  };
}

/** The configured provider, or null when AUTH_OIDC_ISSUER is unset. */
export function oidcProvider(): OIDCConfig<Claims> | null {
  const settings = oidcConfig();
  if (!settings.AUTH_OIDC_ISSUER) return null;
  const groupsClaim = settings.AUTH_OIDC_GROUPS_CLAIM;
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.AUTH_OIDC_NAME,
    type: "oidc",
    issuer: settings.AUTH_OIDC_ISSUER,
    clientId: settings.AUTH_OIDC_ID,
    clientSecret: settings.AUTH_OIDC_SECRET,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    // Claims from userinfo (validated against the ID token's subject): every provider serves the
    // email scope's claims there, while some leave them out of the ID token.
    idToken: false,
    profile(claims, tokens) {
      const identity = identityFromClaims({ ...idTokenClaims(tokens.id_token), ...claims }, groupsClaim);
      return { id: claims.sub, email: identity.email, name: identity.name, oidc: identity };
    },
  };
}
