// The test identity provider's client and people (e2e/oidc/provider.ts serves them; e2e/sso.spec.ts
// signs in as them). Each login name is an account; two may share an email to model one person
// whose groups changed between sign-ins.

export const OIDC_CLIENT = { id: "keydesk-e2e", secret: "keydesk-e2e-client-secret" };
export const OIDC_NAME = "Test IdP";
export const OIDC_ADMIN_GROUP = "keydesk-admins";

type Account = { email: string; email_verified: boolean; name: string; groups: string[] };

export const OIDC_ACCOUNTS = {
  newcomer: { email: "newcomer@sso.test", email_verified: true, name: "New Comer", groups: ["staff"] },
  linked: { email: "linked@sso.test", email_verified: true, name: "Linked Person", groups: [] },
  unverified: { email: "victim@sso.test", email_verified: false, name: "Not Verified", groups: [] },
  "admin-in-group": {
    email: "sso-admin@sso.test",
    email_verified: true,
    name: "SSO Admin",
    groups: [OIDC_ADMIN_GROUP],
  },
  "admin-left-group": { email: "sso-admin@sso.test", email_verified: true, name: "SSO Admin", groups: ["staff"] },
  disabled: { email: "disabled@sso.test", email_verified: true, name: "Disabled Person", groups: [] },
  stranger: { email: "stranger@sso.test", email_verified: true, name: "Stranger", groups: [] },
} satisfies Record<string, Account>;

export type OidcLogin = keyof typeof OIDC_ACCOUNTS;

export const issuerUrl = (port: number | string) => `http://localhost:${port}`;
