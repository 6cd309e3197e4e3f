import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { issuerUrl, OIDC_ADMIN_GROUP, OIDC_CLIENT, OIDC_NAME } from "./e2e/oidc/accounts";
import { freePort } from "./lib/setup/embedded-db";

// Chosen once in the runner; workers inherit the environment, so they agree on it. Free ports are
// ephemeral ones (32768 and up), clear of the ports fetch refuses.
process.env.E2E_PORT ??= String(await freePort());
// The test OpenID Provider, and a second app whose SSO does not create accounts (e2e/sso.spec.ts).
process.env.E2E_OIDC_PORT ??= String(await freePort());
process.env.E2E_SSO_CLOSED_PORT ??= String(await freePort());
const port = Number(process.env.E2E_PORT);
const baseURL = `http://localhost:${port}`;
const closedPort = Number(process.env.E2E_SSO_CLOSED_PORT);

// Debian's chromium on these machines (Playwright's own browser download is blocked);
// a developer laptop with `npx playwright install` done falls back to Playwright's.
const chromiumPath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "tablet", width: 768, height: 1024 },
  { name: "laptop", width: 1280, height: 800 },
  { name: "desktop", width: 1920, height: 1080 },
];

export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-0001" };
/** The app started with AUTH_OIDC_AUTO_CREATE=false, for the one test of that refusal. */
export const SSO_CLOSED_URL = `http://localhost:${closedPort}`;

/** One app server: the same start script as `npm start`, on a fresh embedded database of its own. */
function appServer(appPort: number, env: Record<string, string>) {
  const url = `http://localhost:${appPort}`;
  return {
    command: "npx tsx e2e/serve.ts",
    url: `${url}/login`,
    timeout: 240_000,
    reuseExistingServer: false,
    // SIGTERM lets start.ts stop the embedded PostgreSQL instead of leaving it running.
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: {
      PORT: String(appPort),
      DATABASE_URL: "",
      // One directory per run (per port), so two runs on one machine never share a database.
      KEYDESK_DATA_DIR: `.tmp/e2e-postgres-${appPort}`,
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      AUTH_URL: url,
      AUTH_OIDC_ISSUER: issuerUrl(process.env.E2E_OIDC_PORT!),
      AUTH_OIDC_ID: OIDC_CLIENT.id,
      AUTH_OIDC_SECRET: OIDC_CLIENT.secret,
      AUTH_OIDC_NAME: OIDC_NAME,
      AUTH_OIDC_ADMIN_GROUPS: OIDC_ADMIN_GROUP,
      // The specs point hosted factories (OpenAI, Mistral, Bedrock) at local fake providers on 127.0.0.1.
      PROVIDER_ALLOW_PRIVATE_NETWORKS: "true",
      // Usage counts reach the database every second instead of every minute (e2e/usage.spec.ts).
      KEYDESK_USAGE_FLUSH_SECONDS: "1",
      ...env,
    },
  };
}

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], testIgnore: /auth\.setup\.ts|responsive\.spec\.ts/ },
    // One spec at four sizes, not the whole suite four times: it stays within a minute or two.
    ...VIEWPORTS.map(({ name, width, height }) => ({
      name,
      dependencies: ["setup"],
      testMatch: /responsive\.spec\.ts/,
      // Below Tailwind's lg (1024 px) the sidebar is a menu.
      grepInvert: width < 1024 ? /@wide/ : /@narrow/,
      use: { viewport: { width, height } },
    })),
  ],
  webServer: [
    {
      command: "npx tsx e2e/oidc/provider.ts",
      url: `${issuerUrl(process.env.E2E_OIDC_PORT)}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_OIDC_PORT: process.env.E2E_OIDC_PORT, E2E_OIDC_APP_PORTS: `${port},${closedPort}` },
    },
    appServer(port, {}),
    appServer(closedPort, { AUTH_OIDC_AUTO_CREATE: "false" }),
  ],
});
