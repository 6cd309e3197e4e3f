// The README's screenshots: a seeded console in the light and the dark theme, written to docs/screenshots/.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE } from "./auth-state";

test.use({ storageState: ADMIN_STATE });

const OUT = "docs/screenshots";
const KEYS = ["ci-deploy", "billing-service", "staging smoke tests", "analytics-export", "local dev"];
const USERS = [
  { email: "ana@example.com", name: "Ana Lima", role: "ADMIN" },
  { email: "ben@example.com", name: "Ben Okafor", role: "USER" },
  { email: "chen@example.com", name: "Chen Wei", role: "USER" },
];

async function shoot(page: Page, name: string) {
  // No caret, no half-finished transition in a picture.
  await page.addStyleTag({ content: "*{caret-color:transparent!important;transition:none!important}" });
  await page.screenshot({ path: `${OUT}/${name}.png` });
}

test("README screenshots", async ({ page, context, baseURL }) => {
  const origin = { origin: baseURL! };
  const ids: Record<string, string> = {};
  for (const name of KEYS) {
    const created = await page.request.post("/api/v1/keys", { data: { name }, headers: origin });
    expect(created.status()).toBe(201);
    ids[name] = (await created.json()).data.id;
  }
  expect((await page.request.post(`/api/v1/keys/${ids["local dev"]}/revoke`, { headers: origin })).status()).toBe(200);
  for (const user of USERS) {
    const created = await page.request.post("/api/v1/admin/users", {
      data: { ...user, password: "screenshot-password-1" },
      headers: origin,
    });
    expect(created.status()).toBe(201);
  }

  for (const theme of ["light", "dark"] as const) {
    await context.addCookies([{ name: "theme", value: theme, url: baseURL! }]);
    await page.goto("/keys");
    await expect(page.getByRole("row").filter({ hasText: "ci-deploy" })).toBeVisible();
    await shoot(page, `keys-${theme}`);

    await page.getByRole("button", { name: "Create key", exact: true }).click();
    await page.getByTestId("create-key-dialog").getByLabel("Name").fill(`payments-worker-${theme}`);
    await page.getByTestId("create-key-dialog").getByRole("button", { name: "Create key" }).click();
    await expect(page.getByTestId("revealed-secret")).toBeVisible();
    await shoot(page, `show-once-${theme}`);

    await page.goto("/admin/users");
    await expect(page.getByRole("row").filter({ hasText: "chen@example.com" })).toBeVisible();
    await shoot(page, `users-${theme}`);

    await page.goto("/admin/audit");
    await expect(page.getByTestId("audit-sentence").first()).toBeVisible();
    await shoot(page, `audit-${theme}`);
  }
});
