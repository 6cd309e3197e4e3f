// oidc-provider ships no type declarations; these cover what e2e/oidc/provider.ts uses.
declare module "oidc-provider" {
  type Claims = Record<string, unknown> & { sub: string };
  type Account = { accountId: string; claims: () => Promise<Claims> };
  type Configuration = {
    clients: Record<string, unknown>[];
    claims: Record<string, string[]>;
    findAccount: (context: unknown, id: string) => Promise<Account | undefined>;
    cookies: { keys: string[] };
  };
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    listen(port: number, callback?: () => void): unknown;
  }
}
