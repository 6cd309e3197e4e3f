// SPEC §5: every page works from 360 px to 1920 px. Run once per viewport project (playwright.config.ts):
// no page scrolls sideways, a table keeps the name and the row menu in view, dialogs fit the screen.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { ADMIN_STATE } from "./auth-state";

test.use({ storageState: ADMIN_STATE });

async function expectNoSidewaysScroll(page: Page, where: string) {
  const { scrollWidth, viewport } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${where}: page width`).toBe(viewport);
}

/** Every part of the dialog is on screen; a taller dialog scrolls inside itself, so each control can be reached. */
async function expectFitsScreen(page: Page, dialog: Locator, controls: Locator[]) {
  const box = (await dialog.boundingBox())!;
  const size = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width);
  expect(box.y + box.height).toBeLessThanOrEqual(size.height);
  for (const control of controls) {
    await control.scrollIntoViewIfNeeded();
    await expect(control).toBeInViewport();
  }
}

test("every page and dialog fits the screen", async ({ page, baseURL }) => {
  // 100 characters without a space (the most a name may have): the worst case for a table cell.
  const name = `wide-${test.info().project.name}-`.padEnd(100, "x");
  const created = await page.request.post("/api/v1/keys", { data: { name }, headers: { origin: baseURL! } });
  expect(created.status()).toBe(201);
  const me = (await (await page.request.get("/api/v1/me")).json()).data.user as { id: string };

  const keyId = ((await created.json()).data as { id: string }).id;
  const paths = ["/admin", "/admin/settings", "/keys", `/keys/${keyId}`, "/models", "/admin/users"];
  for (const path of [...paths, `/admin/users/${me.id}`, "/admin/audit"]) {
    await page.goto(path);
    await expect(page.locator("main h1")).toBeVisible();
    await expectNoSidewaysScroll(page, path);
  }

  // The keys table: the long name wraps, and its row menu stays on screen.
  await page.goto(`/keys?q=${encodeURIComponent(name)}`);
  const row = page.getByRole("row").filter({ hasText: name.slice(0, 40) });
  await expect(row.getByRole("button", { name: `Actions for ${name}` })).toBeInViewport();
  await expect(row.getByRole("cell").first()).toBeInViewport();
  await expectNoSidewaysScroll(page, "/keys with a 100-character name");

  await page.goto("/keys");
  await page.getByRole("button", { name: "Create key", exact: true }).click();
  const create = page.getByTestId("create-key-dialog");
  await expectFitsScreen(page, create, [
    create.getByLabel("Name"),
    create.getByLabel("Expires"),
    create.getByRole("button", { name: "Cancel" }),
    create.getByRole("button", { name: "Create key" }),
  ]);
  await create.getByLabel("Name").fill(`fits-${test.info().project.name}`);
  await create.getByRole("button", { name: "Create key" }).click();

  // The show-once reveal: the secret, its Copy button and the warning, all on screen.
  const reveal = page.getByTestId("reveal-secret-dialog");
  await expectFitsScreen(page, reveal, [
    page.getByTestId("revealed-secret"),
    reveal.getByRole("button", { name: "Copy key" }),
    reveal.getByText("This key will not be shown again"),
    reveal.getByRole("button", { name: "Close", exact: true }),
  ]);
  await expectNoSidewaysScroll(page, "the show-once reveal");

  await page.goto("/admin/users");
  await expect(page.getByRole("button", { name: /^Actions for / }).first()).toBeInViewport();
  await page.getByRole("button", { name: "Create user", exact: true }).click();
  const createUser = page.getByTestId("create-user-dialog");
  await expectFitsScreen(page, createUser, [
    createUser.getByLabel("Role"),
    createUser.getByRole("button", { name: "Create user" }),
  ]);
});

// Tagged: the narrow projects (below lg) run @narrow, the wide ones @wide (playwright.config.ts).
test("the navigation is a menu @narrow", async ({ page }) => {
  await page.goto("/keys");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();
  await page.getByRole("button", { name: "Open menu" }).click();
  await nav.getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  // Following a link closes the menu, so the page is not hidden under it.
  await expect(nav).toBeHidden();
});

test("the navigation is a sidebar @wide", async ({ page }) => {
  await page.goto("/keys");
  await expect(page.getByRole("button", { name: "Open menu" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" })).toBeInViewport();
});
