import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";
import { ADMIN_STATE } from "./auth-state";
import { chooseOption } from "./choose-option";

test.use({ storageState: ADMIN_STATE });
// One user's life, in order: created, given a key, signed in, disabled, enabled, deleted.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const email = `managed-${run}@e2e.test`;
const password = "managed-user-password-0001";
const SECRET_FORMAT = /^kd_[0-9A-Za-z]{38}$/;

let userId = "";
let secret = "";

const toast = (page: Page, title: string) => page.locator("[data-sonner-toast]").filter({ hasText: title });
const userRow = (page: Page, text: string) => page.getByRole("row").filter({ hasText: text });

/** Opens a page and waits for React to hydrate it: the row menus and filters act only once it has. */
async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => {
    const button = document.querySelector("main button");
    return button !== null && Object.keys(button).some((key) => key.startsWith("__reactProps$"));
  });
}

async function rowAction(page: Page, label: string, action: string) {
  await page.getByRole("button", { name: `Actions for ${label}` }).click();
  await page.getByRole("menuitem", { name: action, exact: true }).click();
}

/** Ticks or unticks one action in the audit log's action filter. */
async function toggleAction(page: Page, action: string) {
  await page.getByRole("button", { name: /^Actions:/ }).click();
  await page.getByRole("menuitemcheckbox", { name: action, exact: true }).click();
  await page.keyboard.press("Escape");
}

async function verify(page: Page, key: string) {
  const response = await page.request.post("/api/v1/keys/verify", { data: { key } });
  expect(response.status()).toBe(200);
  return (await response.json()).data as { valid: boolean; reason?: string };
}

/** A browser context of its own, signed in as the managed user through the login page. */
async function signInAsUser(browser: Browser, baseURL: string | undefined) {
  // An explicit empty state: this context must not inherit the admin's cookies.
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/keys$/);
  return { context, page };
}

test("the admin creates a user; the form shows client and server errors on their fields", async ({ page }) => {
  await open(page, "/admin/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Create user", exact: true }).click();
  const dialog = page.getByTestId("create-user-dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill("Managed User");
  const passwordField = dialog.getByLabel("Password");
  await passwordField.fill("too-short");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByText("Password must be at least 12 characters")).toBeVisible();
  await expect(passwordField).toHaveAttribute("aria-invalid", "true");

  await passwordField.fill(password);
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(toast(page, "User created")).toBeVisible();
  await expect(dialog).toBeHidden();
  const row = userRow(page, email);
  await expect(row).toHaveCount(1);
  // The status column (a narrow screen folds a copy under the email instead).
  await expect(row.getByText("Enabled").filter({ visible: true })).toBeVisible();

  // The same email again: the server's 409 lands on the email field.
  await page.getByRole("button", { name: "Create user", exact: true }).click();
  await dialog.getByLabel("Email").fill(email.toUpperCase());
  await dialog.getByLabel("Password").fill(password);
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByText("A user with that email already exists")).toBeVisible();
  await expect(dialog.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await row.getByRole("link", { name: email }).click();
  await expect(page.getByRole("heading", { name: email, level: 1 })).toBeVisible();
  userId = new URL(page.url()).pathname.split("/").pop() ?? "";
  expect(userId).not.toBe("");
  await expect(page.getByTestId("user-details")).toContainText("Managed User");
});

test("the admin generates a key for the user and sees it once", async ({ page }) => {
  await open(page, `/admin/users/${userId}`);
  await page.getByTestId("empty-state").getByRole("button", { name: "Generate their first key" }).click();
  const dialog = page.getByTestId("create-key-dialog");
  await expect(dialog.getByLabel("Name")).toHaveValue("Generated by admin");
  await dialog.getByRole("button", { name: "Create key", exact: true }).click();

  const reveal = page.getByTestId("reveal-secret-dialog");
  await expect(reveal).toBeVisible();
  secret = await page.getByTestId("revealed-secret").inputValue();
  expect(secret).toMatch(SECRET_FORMAT);
  await reveal.getByRole("button", { name: "Close", exact: true }).click();
  await page.getByTestId("reveal-secret-confirm").getByRole("button", { name: "I saved it" }).click();
  await expect(reveal).toBeHidden();

  const row = userRow(page, "Generated by admin");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(E2E_ADMIN.email);
  expect(await page.content()).not.toContain(secret);
  await page.reload();
  expect(await page.content()).not.toContain(secret);
  expect(await verify(page, secret)).toMatchObject({ valid: true });
});

test("the user signs in, sees the key created by the admin, and gets a 403 on admin pages", async ({
  browser,
  baseURL,
}) => {
  const { context, page } = await signInAsUser(browser, baseURL);
  const row = userRow(page, "Generated by admin");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("key-start")).toContainText(secret.slice(0, 12));
  await expect(row).toContainText(E2E_ADMIN.email);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Audit" })).toHaveCount(0);

  await page.goto("/admin/audit");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await context.close();
});

test("disabling the user stops their key and session; enabling brings the key back", async ({
  page,
  browser,
  baseURL,
}) => {
  const user = await signInAsUser(browser, baseURL);
  await open(page, `/admin/users?q=${encodeURIComponent(email)}`);
  const row = userRow(page, email);
  await expect(row).toHaveCount(1);

  await rowAction(page, email, "Disable");
  const confirm = page.getByTestId("disable-user-confirm");
  await expect(confirm).toContainText(email);
  await confirm.getByRole("button", { name: "Disable user" }).click();
  await expect(toast(page, "User disabled")).toBeVisible();
  await expect(row.locator('[data-status="disabled"]').filter({ visible: true })).toBeVisible();
  expect(await verify(page, secret)).toMatchObject({ valid: false, reason: "owner_disabled" });
  await user.page.reload();
  await expect(user.page).toHaveURL(/\/login/);
  await user.context.close();

  // The status filter writes the API's `disabled` param and narrows the rows.
  await chooseOption(page.getByLabel("Status"), "Enabled");
  await expect(page).toHaveURL(/[?&]disabled=false/);
  await expect(row).toHaveCount(0);
  await chooseOption(page.getByLabel("Status"), "Disabled");
  await expect(page).toHaveURL(/[?&]disabled=true/);
  await expect(row).toHaveCount(1);

  await rowAction(page, email, "Enable");
  await expect(toast(page, "User enabled")).toBeVisible();
  // Still filtered on disabled users, so the enabled user leaves the list.
  await expect(row).toHaveCount(0);
  expect(await verify(page, secret)).toMatchObject({ valid: true });
});

test("demoting the last admin is refused with the server's message", async ({ page }) => {
  const admins = await (await page.request.get("/api/v1/admin/users?role=ADMIN")).json();
  // The suite's only admin is the first one (specs that make admins delete them); if that ever
  // changes, this test must fail loudly rather than pass by skipping.
  expect(admins.data.total).toBe(1);
  await open(page, `/admin/users?q=${encodeURIComponent(E2E_ADMIN.email)}`);
  await rowAction(page, E2E_ADMIN.email, "Make user");
  const confirm = page.getByTestId("role-user-confirm");
  await confirm.getByRole("button", { name: "Make user" }).click();
  await expect(toast(page, "Could not change the role")).toContainText("The last administrator cannot be demoted");
  // A refused change keeps the dialog open, so nobody thinks it happened.
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  // Nobody can delete themselves, so the menu does not offer it.
  await page.getByRole("button", { name: `Actions for ${E2E_ADMIN.email}` }).click();
  await expect(page.getByRole("menuitem", { name: "Make user" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Delete" })).toHaveCount(0);
  await page.keyboard.press("Escape");
});

test("the admin deletes the user after a confirmation naming them", async ({ page }) => {
  await open(page, `/admin/users?q=${encodeURIComponent(email)}`);
  await rowAction(page, email, "Delete");
  const confirm = page.getByTestId("delete-user-confirm");
  await expect(confirm).toContainText(`Delete ${email}?`);
  await confirm.getByRole("button", { name: "Delete user" }).click();
  await expect(toast(page, "User deleted")).toBeVisible();
  await expect(userRow(page, email)).toHaveCount(0);
  expect(await verify(page, secret)).toMatchObject({ valid: false, reason: "not_found" });

  await page.goto(`/admin/users/${userId}`);
  await expect(page.getByTestId("user-not-found")).toBeVisible();
});

test("the audit log records the user's life and filters by action and target", async ({ page }) => {
  await open(page, "/admin/audit");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await toggleAction(page, "user.created");
  await expect(page).toHaveURL(/[?&]action=user\.created/);
  const actions = page.getByTestId("audit-action");
  await expect(actions.first()).toHaveText("user.created");
  for (const text of await actions.allTextContents()) expect(text).toBe("user.created");

  await page.getByRole("searchbox", { name: "Target" }).fill(userId);
  await expect(page).toHaveURL(new RegExp(`[?&]target=${userId}`));
  const rows = page.getByRole("row").filter({ has: page.getByTestId("audit-sentence") });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(email);
  await expect(rows).toContainText(E2E_ADMIN.email);
  // Read as a sentence with names, not ids.
  await expect(rows.getByTestId("audit-sentence")).toHaveText(`${E2E_ADMIN.email} created user ${email}`);

  // Same target, another action: the deletion is there too, and nothing else matches both.
  await toggleAction(page, "user.created");
  await toggleAction(page, "user.deleted");
  await expect(page).toHaveURL(/[?&]action=user\.deleted/);
  await expect(rows).toHaveCount(1);
  await expect(actions).toHaveText(["user.deleted"]);
  expect(await page.content()).not.toContain(password);
});
