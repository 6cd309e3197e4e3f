// A real OpenID Provider for the e2e suite: npm `oidc-provider` (certified) on E2E_OIDC_PORT, with
// its development login and consent pages. Playwright starts it as a webServer before the apps.
import Provider from "oidc-provider";
import { issuerUrl, OIDC_ACCOUNTS, OIDC_CLIENT, type OidcLogin } from "./accounts";

const port = Number(process.env.E2E_OIDC_PORT);
const appPorts = (process.env.E2E_OIDC_APP_PORTS ?? "").split(",").filter(Boolean);
if (!port || appPorts.length === 0) throw new Error("E2E_OIDC_PORT and E2E_OIDC_APP_PORTS must be set");

const provider = new Provider(issuerUrl(port), {
  clients: [
    {
      client_id: OIDC_CLIENT.id,
      client_secret: OIDC_CLIENT.secret,
      redirect_uris: appPorts.map((appPort) => `http://localhost:${appPort}/api/auth/callback/oidc`),
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
  async findAccount(_context, id) {
    if (!Object.hasOwn(OIDC_ACCOUNTS, id)) return undefined;
    const account = OIDC_ACCOUNTS[id as OidcLogin];
    return { accountId: id, claims: async () => ({ sub: id, ...account }) };
  },
  cookies: { keys: ["keydesk-e2e-oidc-cookie-key"] },
});

provider.listen(port, () => console.log(`test OpenID Provider on ${issuerUrl(port)}`));
