// SPEC §5: pages pass axe checks. Each page is checked in its empty-ish and its populated form
// as the first admin sees it, in the light and the dark theme.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ADMIN_STATE } from "./auth-state";

const PAGES = ["/admin", "/admin/settings", "/keys", "/models", "/admin/users", "/admin/audit"];

async function violations(page: import("@playwright/test").Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
}

test("the login page passes axe", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in to Keydesk" })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test.describe("signed in", () => {
  test.use({ storageState: ADMIN_STATE });

  for (const theme of ["light", "dark"] as const) {
    test(`dashboard pages pass axe in the ${theme} theme`, async ({ page, context }) => {
      const baseURL = test.info().project.use.baseURL!;
      await context.addCookies([{ name: "theme", value: theme, url: baseURL }]);
      // A key page with a verification, so its charts and their tables have something to show.
      const created = await page.request.post("/api/v1/keys", {
        data: { name: `axe-${theme}-${Date.now().toString(36)}` },
        headers: { origin: baseURL },
      });
      expect(created.status()).toBe(201);
      const key = (await created.json()).data as { id: string; key: string };
      expect((await page.request.post("/api/v1/keys/verify", { data: { key: key.key } })).status()).toBe(200);
      for (const path of [...PAGES, `/keys/${key.id}`]) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
        await expect(page.locator("main h1")).toBeVisible();
        // The charts' text alternatives are checked open, as a screen reader user may open them.
        for (const summary of await page.getByText("Show the numbers as a table").all()) await summary.click();
        expect(await violations(page), path).toEqual([]);
      }
    });
  }

  test("the create-key dialog and the show-once reveal pass axe", async ({ page }) => {
    await page.goto("/keys");
    await page.getByRole("button", { name: "Create key", exact: true }).first().click();
    const dialog = page.getByTestId("create-key-dialog");
    await expect(dialog).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await dialog.getByLabel("Name").fill("axe check");
    await dialog.getByRole("button", { name: "Create key", exact: true }).click();
    await expect(page.getByTestId("revealed-secret")).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
});
