import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";
import { ADMIN_STATE } from "./auth-state";

test.describe("signed out", () => {
  test("a visit to /keys lands on /login", async ({ page }) => {
    await page.goto("/keys");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in to Keydesk" })).toBeVisible();
  });

  test("a wrong password shows an error and keeps the email", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("Invalid email or password.");
    await expect(page.getByLabel("Email")).toHaveValue(E2E_ADMIN.email);
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe("signed in as the first admin", () => {
  test.use({ storageState: ADMIN_STATE });

  test("sees the dashboard with the admin links", async ({ page }) => {
    await page.goto("/keys");
    const nav = page.getByRole("navigation");
    for (const link of ["Keys", "Models", "Users", "Audit"])
      await expect(nav.getByRole("link", { name: link })).toBeVisible();
    await expect(page.getByTestId("current-user-email")).toHaveText(E2E_ADMIN.email);
  });
});

// Its own sign-in: signing out ends the session on the server, and the saved admin session is shared.
test("signing out ends the session, even for a copy of its cookie", async ({ page, context }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user-email")).toHaveText(E2E_ADMIN.email);
  const signedIn = await context.cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // The cookie put back is what a link prefetch still in flight at the sign-out writes: the proxy
  // renews the session cookie on every answer. It must not sign the browser back in.
  await context.addCookies(signedIn);
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/login/);
});

test("a USER cannot open /admin/users and does not see admin links", async ({ page, browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const email = `user-${Date.now()}@e2e.test`;
  const created = await admin.request.post("/api/v1/admin/users", {
    data: { email, password: "user-password-0001", name: "Plain User" },
    headers: { origin: test.info().project.use.baseURL! },
  });
  expect(created.status()).toBe(201);
  await admin.close();

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("user-password-0001");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/keys$/);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Users" })).toHaveCount(0);
  const response = await page.goto("/admin/users");
  // The status tells the truth, not a 200 streamed ahead of the page.
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByRole("main")).toHaveCount(1);
});

test.describe("pages that do not exist", () => {
  test.use({ storageState: ADMIN_STATE });

  test("answer 404 with one main landmark", async ({ page }) => {
    for (const path of ["/no-such-page", "/admin/users/no-such-user"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("main"), path).toHaveCount(1);
    }
    await expect(page.getByTestId("user-not-found")).toBeVisible();
  });
});
