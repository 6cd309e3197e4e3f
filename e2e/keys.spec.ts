import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE } from "./auth-state";
import { chooseOption } from "./choose-option";

test.use({ storageState: ADMIN_STATE });

const SECRET_FORMAT = /^kd_[0-9A-Za-z]{38}$/;
// Names unique to this run, so rows from other specs (or earlier tests) never match.
const run = `e2e-${Date.now().toString(36)}`;

async function openCreateDialog(page: Page) {
  await page.getByRole("button", { name: "Create key", exact: true }).click();
  const dialog = page.getByTestId("create-key-dialog");
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Creates a key through the dialog and returns the secret shown in the reveal (left open). */
async function createKey(page: Page, name: string): Promise<string> {
  const dialog = await openCreateDialog(page);
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create key", exact: true }).click();
  await expect(page.getByTestId("reveal-secret-dialog")).toBeVisible();
  const secret = await page.getByTestId("revealed-secret").inputValue();
  expect(secret).toMatch(SECRET_FORMAT);
  return secret;
}

async function closeReveal(page: Page) {
  const reveal = page.getByTestId("reveal-secret-dialog");
  await reveal.getByRole("button", { name: "Close", exact: true }).click();
  const confirm = page.getByTestId("reveal-secret-confirm");
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "I saved it" }).click();
  await expect(reveal).toBeHidden();
}

async function rowAction(page: Page, name: string, action: string) {
  await page
    .getByRole("button", { name: `Actions for ${name}` })
    .first()
    .click();
  await page.getByRole("menuitem", { name: action, exact: true }).click();
}

async function verify(page: Page, secret: string) {
  const response = await page.request.post("/api/v1/keys/verify", { data: { key: secret } });
  expect(response.status()).toBe(200);
  return (await response.json()).data as { valid: boolean; reason?: string };
}

const keyRow = (page: Page, text: string) => page.getByRole("row").filter({ hasText: text });
const toast = (page: Page, title: string) => page.locator("[data-sonner-toast]").filter({ hasText: title });

test("create shows the secret once, copies it, and never shows it again", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const name = `${run}-create`;
  await page.goto("/keys");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  const secret = await createKey(page, name);
  await expect(page.getByTestId("reveal-secret-dialog")).toContainText("will not be shown again");

  await page.getByTestId("reveal-secret-dialog").getByRole("button", { name: "Copy key" }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  // Closing asks first; "Go back" keeps the secret on screen.
  await page.getByTestId("reveal-secret-dialog").getByRole("button", { name: "Close", exact: true }).click();
  await page.getByTestId("reveal-secret-confirm").getByRole("button", { name: "Go back" }).click();
  await expect(page.getByTestId("revealed-secret")).toHaveValue(secret);
  await closeReveal(page);
  expect(await page.content()).not.toContain(secret);

  await page.reload();
  const row = keyRow(page, name);
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("key-start")).toContainText(secret.slice(0, 12));
  await expect(row.getByText("Active").filter({ visible: true })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  expect(page.url()).not.toContain(secret);
});

test("revoke asks for confirmation, marks the row and stops verification", async ({ page }) => {
  const name = `${run}-revoke`;
  await page.goto("/keys");
  const secret = await createKey(page, name);
  await closeReveal(page);
  expect(await verify(page, secret)).toMatchObject({ valid: true });

  await rowAction(page, name, "Revoke");
  const confirm = page.getByTestId("revoke-key-confirm");
  await expect(confirm).toContainText(name);
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(toast(page, "Key revoked")).toBeVisible();
  // The status column (a narrow screen folds a copy under the name instead).
  await expect(keyRow(page, name).getByText("Revoked").filter({ visible: true })).toBeVisible();
  expect(await verify(page, secret)).toEqual(expect.objectContaining({ valid: false, reason: "revoked" }));

  // A revoked key offers no second revoke.
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  await expect(page.getByRole("menuitem", { name: "Delete" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Revoke" })).toHaveCount(0);
  await page.keyboard.press("Escape");
});

test("roll reveals a new secret while the old one works through the grace period", async ({ page }) => {
  const name = `${run}-roll`;
  await page.goto("/keys");
  const oldSecret = await createKey(page, name);
  await closeReveal(page);

  await rowAction(page, name, "Roll");
  const dialog = page.getByTestId("roll-key-dialog");
  await expect(dialog.getByLabel("Old secret stops working")).toHaveText("After 24 hours (default)");
  await dialog.getByRole("button", { name: "Roll key" }).click();
  await expect(page.getByTestId("reveal-secret-dialog")).toBeVisible();
  const newSecret = await page.getByTestId("revealed-secret").inputValue();
  expect(newSecret).toMatch(SECRET_FORMAT);
  expect(newSecret).not.toBe(oldSecret);
  await closeReveal(page);

  expect(await verify(page, oldSecret)).toMatchObject({ valid: true });
  expect(await verify(page, newSecret)).toMatchObject({ valid: true });
  await expect(keyRow(page, newSecret.slice(0, 12))).toHaveCount(1);
  expect(await page.content()).not.toContain(newSecret);
});

test("delete names the key, asks for confirmation and removes the row", async ({ page }) => {
  const name = `${run}-delete`;
  await page.goto("/keys");
  const secret = await createKey(page, name);
  await closeReveal(page);

  await rowAction(page, name, "Delete");
  const confirm = page.getByTestId("delete-key-confirm");
  await expect(confirm).toContainText(name);
  await confirm.getByRole("button", { name: "Delete key" }).click();
  await expect(toast(page, "Key deleted")).toBeVisible();
  await expect(keyRow(page, name)).toHaveCount(0);
  expect(await verify(page, secret)).toMatchObject({ valid: false, reason: "not_found" });
});

test("the create form shows field errors and keeps the dialog open", async ({ page }) => {
  await page.goto("/keys");
  const dialog = await openCreateDialog(page);
  const nameField = dialog.getByLabel("Name");
  // Only spaces: the shared schema trims before checking, on the client as on the server.
  await nameField.fill("   ");
  await dialog.getByRole("button", { name: "Create key", exact: true }).click();
  await expect(dialog.getByText("Name is required")).toBeVisible();
  await expect(nameField).toHaveAttribute("aria-invalid", "true");

  await nameField.fill(`${run}-invalid`);
  for (const scope of ["keys:read", "keys:write", "models:read", "models:write"])
    await dialog.getByLabel(scope).uncheck();
  await dialog.getByRole("button", { name: "Create key", exact: true }).click();
  await expect(dialog.getByText(/Choose at least one scope/)).toBeVisible();
  await dialog.getByLabel("keys:read").check();

  // A form that offers "No expiry" where the server forbids it (say, configuration changed since
  // the page loaded): the server's field error lands on the field.
  // The request is rewritten on its way out, as such a form would send it.
  const expiry = dialog.getByLabel("Expires");
  await page.route("**/keys", async (route) => {
    const body = route.request().postData() ?? "";
    if (route.request().method() !== "POST" || !body.includes('"expires_in_days"')) return route.continue();
    await route.continue({ postData: body.replace(/"expires_in_days":\d+/, '"expires_in_days":null') });
  });
  await dialog.getByRole("button", { name: "Create key", exact: true }).click();
  await expect(dialog.getByText(/keys without expiry are not allowed/)).toBeVisible();
  await expect(expiry).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("reveal-secret-dialog")).toBeHidden();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
});

test("search and the status filter live in the URL and narrow the rows", async ({ page, baseURL }) => {
  const origin = { origin: baseURL! };
  const alpha = `${run}-search-alpha`;
  const beta = `${run}-search-beta`;
  for (const name of [alpha, beta])
    expect((await page.request.post("/api/v1/keys", { data: { name }, headers: origin })).status()).toBe(201);
  const list = await (await page.request.get(`/api/v1/keys?q=${beta}`)).json();
  const betaId = list.data.items[0].id as string;
  expect((await page.request.post(`/api/v1/keys/${betaId}/revoke`, { headers: origin })).status()).toBe(200);

  await page.goto("/keys");
  await page.getByRole("searchbox", { name: "Search" }).fill(`${run}-search`);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${run}-search`));
  await expect(keyRow(page, alpha)).toHaveCount(1);
  await expect(keyRow(page, beta)).toHaveCount(1);

  await chooseOption(page.getByLabel("Status"), "Revoked");
  await expect(page).toHaveURL(/[?&]status=revoked/);
  await expect(keyRow(page, beta)).toHaveCount(1);
  await expect(keyRow(page, alpha)).toHaveCount(0);

  await chooseOption(page.getByLabel("Status"), "Active");
  await expect(page).toHaveURL(/[?&]status=active/);
  await expect(keyRow(page, alpha)).toHaveCount(1);
  await expect(keyRow(page, beta)).toHaveCount(0);

  // The state survives a reload: it is in the URL, not in memory.
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(`${run}-search`);
  await expect(page.getByLabel("Status")).toHaveText("Active");
  await expect(keyRow(page, alpha)).toHaveCount(1);
});

test("the server-rendered page already shows the saved search and filter", async ({ page }) => {
  const html = await (await page.request.get("/keys?q=saved-search&status=revoked")).text();
  expect(html).toContain('value="saved-search"');
  expect(html).toMatch(/aria-label="Status"[^>]*>(?:<span[^>]*>)+Revoked</);
});

test("Back returns to the previous filter", async ({ page }) => {
  await page.goto("/keys");
  await chooseOption(page.getByLabel("Status"), "Revoked");
  await expect(page).toHaveURL(/[?&]status=revoked/);
  await chooseOption(page.getByLabel("Status"), "Expired");
  await expect(page).toHaveURL(/[?&]status=expired/);
  await page.goBack();
  await expect(page).toHaveURL(/[?&]status=revoked/);
  await expect(page.getByLabel("Status")).toHaveText("Revoked");
});

test("keyboard only: the create dialog and a row's action menu", async ({ page, baseURL }) => {
  const name = `${run}-keyboard`;
  expect((await page.request.post("/api/v1/keys", { data: { name }, headers: { origin: baseURL! } })).status()).toBe(
    201,
  );
  await page.goto("/keys");
  const createButton = page.getByRole("button", { name: "Create key", exact: true });
  await expect(createButton).toBeVisible();
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press("Tab");
    if (await createButton.evaluate((element) => element === document.activeElement)) break;
  }
  await expect(createButton).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = page.getByTestId("create-key-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(createButton).toBeFocused();

  // The row menu: Enter opens it on the first item, arrows move, Escape returns to the trigger.
  const trigger = page.getByRole("button", { name: `Actions for ${name}` });
  await trigger.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Rename" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Renew" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();
  await expect(trigger).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  const rename = page.getByTestId("rename-key-dialog");
  await expect(rename.getByLabel("Name")).toHaveValue(name);
  await page.keyboard.press("Escape");
  await expect(rename).toBeHidden();
  await expect(trigger).toBeFocused();
});
