// Usage and key hygiene in the browser: verifications counted through the real endpoint show in
// the API and on the key's page, the admin overview, and the key policies that change /keys.
// The e2e server flushes counts every second (KEYDESK_USAGE_FLUSH_SECONDS in playwright.config.ts).
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { ADMIN_STATE } from "./auth-state";

test.use({ storageState: ADMIN_STATE });

const run = `usage-${Date.now().toString(36)}`;
const VERIFICATIONS = 5;

type CreatedKey = { id: string; key: string; name: string };

async function createKey(request: APIRequestContext, origin: string, body: Record<string, unknown>) {
  const response = await request.post("/api/v1/keys", { data: body, headers: { origin } });
  expect(response.status()).toBe(201);
  return (await response.json()).data as CreatedKey;
}

async function verify(request: APIRequestContext, secret: string) {
  const response = await request.post("/api/v1/keys/verify", { data: { key: secret } });
  expect(response.status()).toBe(200);
  return (await response.json()).data as { valid: boolean; reason?: string };
}

async function usageTotals(request: APIRequestContext, id: string) {
  const response = await request.get(`/api/v1/keys/${id}/usage`);
  expect(response.status()).toBe(200);
  return (await response.json()).data.totals as { valid: number; revoked: number; total: number };
}

const toast = (page: Page, title: string) => page.locator("[data-sonner-toast]").filter({ hasText: title });

test("a key verified N times shows N in the usage API and in its page's chart text", async ({ page, baseURL }) => {
  const created = await createKey(page.request, baseURL!, { name: `${run}-counted` });
  for (let i = 0; i < VERIFICATIONS; i++)
    expect(await verify(page.request, created.key)).toMatchObject({ valid: true });

  // Counts reach the database with the next flush, not with the verification.
  await expect
    .poll(async () => (await usageTotals(page.request, created.id)).valid, { timeout: 15_000 })
    .toBe(VERIFICATIONS);

  // The keys table's name links to the key's page.
  await page.goto(`/keys?q=${run}-counted`);
  await page.getByRole("link", { name: `${run}-counted`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/keys/${created.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: `${run}-counted` })).toBeVisible();
  await expect(page.getByTestId("usage-day-summary")).toHaveText(
    `${VERIFICATIONS} verifications in the last 24 hours: ${VERIFICATIONS} valid.`,
  );
  await expect(page.getByTestId("usage-month-summary")).toContainText(`${VERIFICATIONS} verifications`);
  await page.getByTestId("usage-day").getByText("Show the numbers as a table").click();
  await expect(page.getByTestId("usage-day-total-valid")).toHaveText(String(VERIFICATIONS));
  // The chart itself is drawn (uPlot's canvas), beside its text alternative.
  await expect(page.locator(".usage-chart canvas").first()).toBeVisible();
  await expect(page.getByTestId("key-history")).toContainText("created this key");
});

test("the key page links a rolled key and its successor, and its actions work there", async ({ page, baseURL }) => {
  const created = await createKey(page.request, baseURL!, { name: `${run}-rolled` });
  const rolled = await page.request.post(`/api/v1/keys/${created.id}/roll`, {
    data: { grace_period_hours: 1 },
    headers: { origin: baseURL! },
  });
  expect(rolled.status()).toBe(201);
  const successor = (await rolled.json()).data as CreatedKey;

  await page.goto(`/keys/${created.id}`);
  const details = page.getByTestId("key-details");
  await details.getByRole("link", { name: successor.name }).click();
  await expect(page).toHaveURL(new RegExp(`/keys/${successor.id}$`));
  await expect(page.getByTestId("key-details").getByRole("link", { name: created.name })).toHaveAttribute(
    "href",
    `/keys/${created.id}`,
  );

  await page.getByRole("button", { name: `Actions for ${successor.name}` }).click();
  await page.getByRole("menuitem", { name: "Revoke", exact: true }).click();
  await page.getByTestId("revoke-key-confirm").getByRole("button", { name: "Revoke key" }).click();
  await expect(toast(page, "Key revoked")).toBeVisible();
  await expect(page.locator('h1 ~ [data-status="revoked"]')).toBeVisible();
  expect(await verify(page.request, successor.key)).toMatchObject({ valid: false, reason: "revoked" });
});

test("for a user, someone else's key page answers 404 like a missing one, and the admin pages 403", async ({
  browser,
  baseURL,
  page,
}) => {
  const created = await createKey(page.request, baseURL!, { name: `${run}-private` });
  const { context, page: userPage } = await signInAsNewUser(browser, baseURL!, page.request);
  for (const id of [created.id, "no-such-key"]) {
    const response = await userPage.goto(`/keys/${id}`);
    // The status is decided before anything streams: no loading.tsx answers 200 ahead of it.
    expect(response?.status(), id).toBe(404);
    await expect(userPage.getByTestId("key-not-found"), id).toBeVisible();
    await expect(userPage.getByRole("main"), id).toHaveCount(1);
  }
  await userPage.goto(`/keys/${created.id}`);
  await expect(userPage.getByText(created.name)).toHaveCount(0);
  // The user's own usage API says the same.
  expect((await userPage.request.get(`/api/v1/keys/${created.id}/usage`)).status()).toBe(404);
  for (const path of ["/admin", "/admin/settings"]) {
    expect((await userPage.goto(path))?.status(), path).toBe(403);
    await expect(userPage.getByTestId("forbidden"), path).toBeVisible();
  }
  await context.close();
});

test("the admin lands on the overview: counts, the 30-day chart and keys expiring soon", async ({ page, baseURL }) => {
  const expiring = await createKey(page.request, baseURL!, { name: `${run}-expiring`, expires_in_days: 7 });
  const response = await page.goto("/");
  await expect(page).toHaveURL(/\/admin$/);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("overview-stats")).toContainText("Active keys");
  await expect(page.getByTestId("overview-usage-summary")).toContainText("in the last 30 days");
  const list = page.getByTestId("overview-expiring");
  await list.getByRole("link", { name: expiring.name }).click();
  await expect(page).toHaveURL(new RegExp(`/keys/${expiring.id}$`));
  await expect(page.getByTestId("key-warnings")).toContainText("Expires within 7 days");

  // The keys table marks it too.
  await page.goto(`/keys?q=${run}-expiring`);
  await expect(page.getByRole("row").filter({ hasText: expiring.name }).getByTestId("key-warning")).toContainText(
    "Expires within 7 days",
  );

  const overview = await page.request.get("/api/v1/admin/overview");
  expect(overview.status()).toBe(200);
  const data = (await overview.json()).data;
  expect(data.expiring_soon.map((key: { id: string }) => key.id)).toContain(expiring.id);
  expect(data.expiring_soon[0].owner.email).toBeTruthy();
});

test("key policies: the form validates like the API, and users_can_create_keys hides users' Create button", async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto("/admin/settings");
  const form = page.getByTestId("settings-form");
  await form.getByLabel("Default lifetime (days)").fill("400");
  await form.getByRole("button", { name: "Save policies" }).click();
  await expect(form).toContainText("At most 365 days");
  await form.getByLabel("Default lifetime (days)").fill("120");
  await form.getByLabel("Maximum lifetime (days)").fill("60");
  await form.getByRole("button", { name: "Save policies" }).click();
  await expect(form.getByText("The default lifetime (120 days) is above the maximum (60 days)")).toHaveCount(2);

  await form.getByLabel("Default lifetime (days)").fill("30");
  await form.getByLabel("Users may create keys").uncheck();
  await form.getByRole("button", { name: "Save policies" }).click();
  await expect(toast(page, "Key policies saved")).toBeVisible();

  const { context, page: userPage } = await signInAsNewUser(browser, baseURL!, page.request);
  await userPage.goto("/keys");
  await expect(userPage.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(userPage.getByRole("button", { name: "Create key" })).toHaveCount(0);
  await context.close();

  // Put the policies back for the other specs.
  await page.reload();
  await form.getByLabel("Default lifetime (days)").fill("90");
  await form.getByLabel("Maximum lifetime (days)").fill("365");
  await form.getByLabel("Users may create keys").check();
  await form.getByRole("button", { name: "Save policies" }).click();
  await expect(form.getByRole("button", { name: "Save policies" })).toBeEnabled();
  await expect
    .poll(async () => {
      await page.reload();
      return form.getByLabel("Users may create keys").isChecked();
    })
    .toBe(true);
});

async function signInAsNewUser(browser: Browser, baseURL: string, adminRequest: APIRequestContext) {
  const email = `${run}-${Math.random().toString(36).slice(2, 8)}@e2e.test`;
  const password = "usage-user-password-01";
  const created = await adminRequest.post("/api/v1/admin/users", {
    data: { email, password, name: "Usage User" },
    headers: { origin: baseURL },
  });
  expect(created.status()).toBe(201);
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/keys$/);
  return { context, page };
}
