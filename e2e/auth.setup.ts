import { expect, test as setup } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";
import { ADMIN_STATE } from "./auth-state";

setup("sign in as the first admin", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.context().storageState({ path: ADMIN_STATE });
});
