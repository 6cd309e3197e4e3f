// The OIDC variables of SPEC §7, parsed by the one configuration schema.
import { afterEach, describe, expect, it } from "vitest";
import { config, resetConfigForTests } from "@/lib/config";

const OIDC_VARIABLES = [
  "AUTH_OIDC_ISSUER",
  "AUTH_OIDC_ID",
  "AUTH_OIDC_SECRET",
  "AUTH_OIDC_NAME",
  "AUTH_OIDC_ADMIN_GROUPS",
  "AUTH_OIDC_GROUPS_CLAIM",
  "AUTH_OIDC_AUTO_CREATE",
] as const;

function withEnv(values: Partial<Record<(typeof OIDC_VARIABLES)[number], string>>) {
  for (const name of OIDC_VARIABLES) delete process.env[name];
  Object.assign(process.env, values);
  resetConfigForTests();
  return config;
}

afterEach(() => withEnv({}));

describe("OIDC configuration", () => {
  it("is off with every variable unset or empty, with the documented defaults", () => {
    expect(withEnv({ AUTH_OIDC_ISSUER: "", AUTH_OIDC_ADMIN_GROUPS: "" })()).toMatchObject({
      AUTH_OIDC_ISSUER: undefined,
      AUTH_OIDC_NAME: "Single sign-on",
      AUTH_OIDC_ADMIN_GROUPS: [],
      AUTH_OIDC_GROUPS_CLAIM: "groups",
      AUTH_OIDC_AUTO_CREATE: true,
    });
  });

  it("reads the issuer, the client, the label, a comma list of groups and the auto-create flag", () => {
    const read = withEnv({
      AUTH_OIDC_ISSUER: "https://sso.example.test/realms/acme",
      AUTH_OIDC_ID: "keydesk",
      AUTH_OIDC_SECRET: "s3cret",
      AUTH_OIDC_NAME: "Acme SSO",
      AUTH_OIDC_ADMIN_GROUPS: " keydesk-admins , ops ,",
      AUTH_OIDC_GROUPS_CLAIM: "roles",
      AUTH_OIDC_AUTO_CREATE: "false",
    });
    expect(read()).toMatchObject({
      AUTH_OIDC_ISSUER: "https://sso.example.test/realms/acme",
      AUTH_OIDC_NAME: "Acme SSO",
      AUTH_OIDC_ADMIN_GROUPS: ["keydesk-admins", "ops"],
      AUTH_OIDC_GROUPS_CLAIM: "roles",
      AUTH_OIDC_AUTO_CREATE: false,
    });
  });

  it("stops with a message naming each bad or missing variable", () => {
    expect(withEnv({ AUTH_OIDC_ISSUER: "https://sso.example.test" })).toThrow(
      /AUTH_OIDC_ID: AUTH_OIDC_ID is required with AUTH_OIDC_ISSUER\n {2}AUTH_OIDC_SECRET: AUTH_OIDC_SECRET is required/,
    );
    expect(withEnv({ AUTH_OIDC_ISSUER: "not a url", AUTH_OIDC_ID: "a", AUTH_OIDC_SECRET: "b" })).toThrow(
      "AUTH_OIDC_ISSUER: AUTH_OIDC_ISSUER must be the issuer's URL",
    );
    expect(withEnv({ AUTH_OIDC_AUTO_CREATE: "maybe" })).toThrow(/AUTH_OIDC_AUTO_CREATE/);
  });
});
