// Single sign-on through a real OpenID Provider (npm oidc-provider, started by playwright.config.ts)
// in the browser: the login button, the provider's own login and consent pages, and back.
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { OIDC_REFUSALS } from "../lib/auth/oidc-refusals";
import { E2E_ADMIN, SSO_CLOSED_URL } from "../playwright.config";
import { ADMIN_STATE } from "./auth-state";
import { OIDC_ACCOUNTS, OIDC_NAME, type OidcLogin } from "./oidc/accounts";

// The cases share one app database (users linked, promoted, demoted): run them in order.
test.describe.configure({ mode: "serial" });

/** The first admin's session, for setting the scene and checking the outcome through the API. */
async function adminApi(browser: Browser, baseURL: string): Promise<APIRequestContext> {
  const context = await browser.newContext({ baseURL, storageState: ADMIN_STATE });
  // Cookie-authenticated writes must come from the console's own origin (SPEC §4).
  return context.request;
}

async function user(api: APIRequestContext, email: string) {
  const response = await api.get(`/api/v1/admin/users/${encodeURIComponent(email)}`);
  return { status: response.status(), user: (await response.json()).data };
}

async function createPasswordUser(api: APIRequestContext, baseURL: string, email: string) {
  const response = await api.post("/api/v1/admin/users", {
    headers: { origin: baseURL },
    data: { email, name: "Made by admin", password: "made-by-admin-password-1", role: "USER" },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).data as { id: string };
}

/** From the login page through the provider's login and consent pages, back to Keydesk. */
async function signInThroughProvider(page: Page, login: OidcLogin, loginUrl = "/login") {
  await page.goto(loginUrl);
  // The button is a server action: wait until React has hydrated it.
  await page.waitForFunction(() => {
    const button = document.querySelector("main button");
    return button !== null && Object.keys(button).some((key) => key.startsWith("__reactProps$"));
  });
  await page.getByRole("button", { name: `Continue with ${OIDC_NAME}` }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("the test provider takes any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

async function expectRefusal(page: Page, message: string) {
  await expect(page).toHaveURL(/\/login\?error=/);
  await expect(page.getByTestId("sso-error")).toHaveText(message);
}

test("the login page offers the provider beside the password form", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: `Continue with ${OIDC_NAME}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
});

test("a first sign-in with a verified email creates a USER and audits auth.login with the method", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInThroughProvider(page, "newcomer");
  await expect(page).toHaveURL(/\/keys$/);
  await expect(page.getByTestId("current-user-email")).toHaveText(OIDC_ACCOUNTS.newcomer.email);

  const api = await adminApi(browser, baseURL!);
  const created = await user(api, OIDC_ACCOUNTS.newcomer.email);
  expect(created).toMatchObject({ status: 200, user: { role: "USER", name: "New Comer" } });
  const audit = await api.get(`/api/v1/admin/audit?action=auth.login&target=${created.user.id}`);
  expect((await audit.json()).data.items).toEqual([expect.objectContaining({ details: { method: "oidc" } })]);
});

test("an existing user is linked by verified email, not duplicated", async ({ page, browser, baseURL }) => {
  const api = await adminApi(browser, baseURL!);
  const existing = await createPasswordUser(api, baseURL!, OIDC_ACCOUNTS.linked.email);
  await signInThroughProvider(page, "linked");
  await expect(page).toHaveURL(/\/keys$/);
  const listed = await api.get(`/api/v1/admin/users?q=${encodeURIComponent(OIDC_ACCOUNTS.linked.email)}`);
  expect((await listed.json()).data).toMatchObject({ total: 1, items: [{ id: existing.id }] });
});

test("an unverified email never takes over an account", async ({ page, browser, baseURL }) => {
  const api = await adminApi(browser, baseURL!);
  await createPasswordUser(api, baseURL!, OIDC_ACCOUNTS.unverified.email);
  await signInThroughProvider(page, "unverified");
  await expectRefusal(page, OIDC_REFUSALS.unverified_email);
  expect((await user(api, OIDC_ACCOUNTS.unverified.email)).user).toMatchObject({ last_login_at: null });
});

test("an admin group makes an ADMIN; leaving it demotes at the next sign-in", async ({ page, browser, baseURL }) => {
  await signInThroughProvider(page, "admin-in-group");
  // An admin lands on the admin overview.
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();

  // The same person (same email) signs in again after the provider dropped the group.
  const later = await browser.newContext({ baseURL });
  const again = await later.newPage();
  await signInThroughProvider(again, "admin-left-group");
  await expect(again).toHaveURL(/\/keys$/);
  await again.goto("/admin/users");
  await expect(again.getByTestId("forbidden")).toBeVisible();
  const api = await adminApi(browser, baseURL!);
  expect((await user(api, OIDC_ACCOUNTS["admin-left-group"].email)).user).toMatchObject({ role: "USER" });
  // The demotion ended the session made while they were an admin (SPEC §8).
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/login/);
  await later.close();
});

test("a disabled user is refused", async ({ page, browser, baseURL }) => {
  const api = await adminApi(browser, baseURL!);
  const made = await createPasswordUser(api, baseURL!, OIDC_ACCOUNTS.disabled.email);
  const disabled = await api.patch(`/api/v1/admin/users/${made.id}`, {
    headers: { origin: baseURL! },
    data: { disabled: true },
  });
  expect(disabled.status()).toBe(200);
  await signInThroughProvider(page, "disabled");
  await expectRefusal(page, OIDC_REFUSALS.disabled);
});

test("with AUTH_OIDC_AUTO_CREATE=false a first sign-in is refused and creates no one", async ({ page, browser }) => {
  await signInThroughProvider(page, "stranger", `${SSO_CLOSED_URL}/login`);
  await expect(page).toHaveURL(new RegExp(`^${SSO_CLOSED_URL}/login\\?error=`));
  await expect(page.getByTestId("sso-error")).toHaveText(OIDC_REFUSALS.not_registered);

  // That app's own first admin (the same credentials, its own database) finds no such user.
  const context = await browser.newContext({ baseURL: SSO_CLOSED_URL });
  const admin = await context.newPage();
  await admin.goto("/login");
  await admin.getByLabel("Email").fill(E2E_ADMIN.email);
  await admin.getByLabel("Password").fill(E2E_ADMIN.password);
  await admin.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(admin).toHaveURL(/\/admin$/);
  expect((await user(admin.request, OIDC_ACCOUNTS.stranger.email)).status).toBe(404);
  await context.close();
});
