import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { startFakeProviderServer, type FakeProviderServer } from "../lib/models/fake-provider-server";
import { ADMIN_STATE } from "./auth-state";

test.use({ storageState: ADMIN_STATE });

// Hosted OpenAI pointed at a local OpenAI-style server: the app makes its one real check call
// there, and saves OpenAI's catalog models (chat, embedding, …) when the server accepts the key.
const FACTORY = "OpenAI";
const GOOD_KEY = `sk-e2e-${randomBytes(12).toString("hex")}`;
const BAD_KEY = `sk-e2e-wrong-${randomBytes(12).toString("hex")}`;
const CHAT = `gpt-4o-mini@${FACTORY}`;
const EMBEDDING = `text-embedding-3-small@${FACTORY}`;

let fake: FakeProviderServer;

test.beforeAll(async () => {
  // A short delay keeps the "Checking with …" progress on screen long enough to see.
  fake = await startFakeProviderServer({ acceptKey: GOOD_KEY, delayMs: 1_000 });
});
test.afterAll(async () => {
  await fake?.close();
});

const toast = (page: Page, title: string) => page.getByTestId("toast").filter({ hasText: title });
const providerRow = (page: Page, factory: string) =>
  page.locator(`[data-testid="provider-row"][data-factory="${factory}"]`);

async function defaults(page: Page): Promise<Record<string, string | null>> {
  const response = await page.request.get("/api/v1/models/default");
  expect(response.status()).toBe(200);
  return (await response.json()).data;
}

async function saveDefaults(page: Page) {
  const form = page.getByTestId("default-models-form");
  await form.getByRole("button", { name: "Save default models" }).click();
  await expect(toast(page, "Default models saved")).toBeVisible();
  await expect(form.getByRole("button", { name: "Save default models" })).toBeEnabled();
}

test("add a provider against a local server, set and clear defaults, remove it and its defaults go", async ({
  page,
}) => {
  await page.goto("/models");
  await expect(page.getByRole("heading", { name: "Models", level: 1 })).toBeVisible();
  // Builtin is always listed, with or without providers.
  await expect(page.locator('[data-testid="factory-models"][data-factory="Builtin"]')).toContainText("builtin-chat");

  const form = page.getByTestId("add-provider-form");
  await form.getByLabel("Factory").selectOption(FACTORY);
  await form.getByLabel("Override base URL").check();
  await form.getByLabel("Base URL", { exact: true }).fill(fake.url);

  await test.step("a key the provider refuses shows the provider's message in the form", async () => {
    await form.getByLabel("API key").fill(BAD_KEY);
    await form.getByRole("button", { name: "Add provider" }).click();
    await expect(form.getByTestId("add-provider-progress")).toHaveText(`Checking with ${FACTORY}…`);
    await expect(form.getByRole("button", { name: "Add provider" })).toBeDisabled();
    await expect(form.getByTestId("add-provider-error")).toContainText("Incorrect API key provided");
    await expect(form.getByLabel("API key")).toHaveAttribute("aria-invalid", "true");
    await expect(providerRow(page, FACTORY)).toHaveCount(0);
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/models", apiKey: BAD_KEY });
  });

  await test.step("the right key adds it, listed with a masked key only", async () => {
    await form.getByLabel("API key").fill(GOOD_KEY);
    await form.getByRole("button", { name: "Add provider" }).click();
    await expect(toast(page, "Provider added")).toBeVisible();
    const row = providerRow(page, FACTORY);
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("provider-key")).toHaveText(`sk-…${GOOD_KEY.slice(-4)}`);
    await expect(row).toContainText(fake.url);
    await expect(row.getByText("Verified")).toBeVisible();
    await expect(page.locator(`[data-testid="factory-models"][data-factory="${FACTORY}"]`)).toContainText(
      "gpt-4o-mini",
    );
    // The form was cleared, and the key is nowhere in the page.
    await expect(form.getByTestId("add-provider-error")).toHaveCount(0);
    const html = await page.content();
    expect(html).not.toContain(GOOD_KEY);
    expect(html).not.toContain(BAD_KEY);
  });

  const defaultsForm = page.getByTestId("default-models-form");
  await test.step("chat and embedding defaults are saved together and survive a reload", async () => {
    // Only models of the select's type are offered.
    await expect(defaultsForm.getByLabel("Chat model").locator(`option[value="${EMBEDDING}"]`)).toHaveCount(0);
    await defaultsForm.getByLabel("Chat model").selectOption(CHAT);
    await defaultsForm.getByLabel("Embedding").selectOption(EMBEDDING);
    await saveDefaults(page);
    expect(await defaults(page)).toMatchObject({ llm_id: CHAT, embd_id: EMBEDDING });

    await page.reload();
    await expect(defaultsForm.getByLabel("Chat model")).toHaveValue(CHAT);
    await expect(defaultsForm.getByLabel("Embedding")).toHaveValue(EMBEDDING);
    expect(await page.content()).not.toContain(GOOD_KEY);
  });

  await test.step("None clears one default and leaves the other", async () => {
    await defaultsForm.getByLabel("Embedding").selectOption({ label: "None" });
    await saveDefaults(page);
    expect(await defaults(page)).toMatchObject({ llm_id: CHAT, embd_id: null });
    await expect(defaultsForm.getByLabel("Embedding")).toHaveValue("");
    await expect(defaultsForm.getByLabel("Chat model")).toHaveValue(CHAT);
  });

  await test.step("removing the provider is confirmed and clears the default that used it", async () => {
    await page.getByRole("button", { name: `Remove ${FACTORY}` }).click();
    const confirm = page.getByTestId("remove-provider-confirm");
    await expect(confirm).toContainText(FACTORY);
    await confirm.getByRole("button", { name: "Remove provider" }).click();
    await expect(toast(page, "Provider removed")).toBeVisible();
    await expect(providerRow(page, FACTORY)).toHaveCount(0);
    expect(await defaults(page)).toMatchObject({ llm_id: null, embd_id: null });
    await expect(defaultsForm.getByLabel("Chat model")).toHaveValue("");
    await expect(defaultsForm.getByLabel("Chat model").locator(`option[value="${CHAT}"]`)).toHaveCount(0);
  });
});

test("server field errors land on their selects and nothing is saved", async ({ page }) => {
  // As from a stale page: a catalog model whose provider is not configured (any more).
  const stale = "jina-reranker-v1-base-en@LocalAI";
  await page.goto("/models");
  const defaultsForm = page.getByTestId("default-models-form");
  const before = await defaults(page);
  await defaultsForm.getByLabel("Chat model").selectOption("builtin-chat@Builtin");
  await defaultsForm.getByLabel("Rerank").evaluate((select: HTMLSelectElement, id: string) => {
    select.add(new Option(id, id));
    select.value = id;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }, stale);
  await defaultsForm.getByRole("button", { name: "Save default models" }).click();
  await expect(defaultsForm.getByTestId("default-models-error")).toContainText("nothing was changed");
  await expect(defaultsForm.getByLabel("Rerank")).toHaveAttribute("aria-invalid", "true");
  await expect(defaultsForm).toContainText("not configured");
  await expect(defaultsForm.getByLabel("Chat model")).not.toHaveAttribute("aria-invalid", "true");
  expect(await defaults(page)).toEqual(before);
});
