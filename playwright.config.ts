import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { freePort } from "./lib/setup/embedded-db";

// Chosen once in the runner; workers inherit the environment, so they agree on it.
process.env.E2E_PORT ??= String(await freePort());
const port = Number(process.env.E2E_PORT);
const baseURL = `http://localhost:${port}`;

// Debian's chromium on these machines (Playwright's own browser download is blocked);
// a developer laptop with `npx playwright install` done falls back to Playwright's.
const chromiumPath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-0001" };

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
    { name: "chromium", dependencies: ["setup"], testIgnore: /auth\.setup\.ts/ },
  ],
  webServer: {
    // The same start script as `npm start`, on a fresh embedded database of its own.
    command: "npx tsx e2e/serve.ts",
    url: `${baseURL}/login`,
    timeout: 240_000,
    reuseExistingServer: false,
    // SIGTERM lets start.ts stop the embedded PostgreSQL instead of leaving it running.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATABASE_URL: "",
      // One directory per run (per port), so two runs on one machine never share a database.
      KEYDESK_DATA_DIR: `.tmp/e2e-postgres-${port}`,
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      AUTH_URL: baseURL,
      // Usage counts reach the database every second instead of every minute (e2e/usage.spec.ts).
      KEYDESK_USAGE_FLUSH_SECONDS: "1",
    },
  },
});
