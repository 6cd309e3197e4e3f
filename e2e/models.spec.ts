import { randomBytes } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { startFakeProviderServer, type FakeProviderServer } from "../lib/models/fake-provider-server";
import { ADMIN_STATE } from "./auth-state";
import { chooseOption } from "./choose-option";

test.use({ storageState: ADMIN_STATE });

// Hosted OpenAI pointed at a local OpenAI-style server: the app makes its one real check call
// there, and saves OpenAI's catalog models (chat, embedding, …) when the server accepts the key.
const FACTORY = "OpenAI";
const GOOD_KEY = `sk-e2e-${randomBytes(12).toString("hex")}`;
const BAD_KEY = `sk-e2e-wrong-${randomBytes(12).toString("hex")}`;
const CHAT_NAME = "gpt-4o-mini";
const EMBEDDING_NAME = "text-embedding-3-small";
const CHAT = `${CHAT_NAME}@${FACTORY}`;
const EMBEDDING = `${EMBEDDING_NAME}@${FACTORY}`;

let fake: FakeProviderServer;

test.beforeAll(async () => {
  // A short delay keeps the "Checking with …" progress on screen long enough to see.
  fake = await startFakeProviderServer({ acceptKey: GOOD_KEY, delayMs: 1_000 });
});
test.afterAll(async () => {
  await fake?.close();
});

const toast = (page: Page, title: string) => page.locator("[data-sonner-toast]").filter({ hasText: title });
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

/** Opens a select, checks that the option list is showing, and returns it; Escape closes it. */
async function openOptions(page: Page, select: Locator, shown: string) {
  await select.click();
  const listbox = page.getByRole("listbox");
  await expect(listbox.getByRole("option", { name: shown, exact: true })).toBeVisible();
  return listbox;
}

test("add a provider against a local server, set and clear defaults, remove it and its defaults go", async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto("/models");
  await expect(page.getByRole("heading", { name: "Models", level: 1 })).toBeVisible();
  // Builtin is always listed, with or without providers.
  await expect(page.locator('[data-testid="factory-models"][data-factory="Builtin"]')).toContainText("builtin-chat");

  const form = page.getByTestId("add-provider-form");
  await chooseOption(form.getByLabel("Factory"), FACTORY);
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
    const chatOptions = await openOptions(page, defaultsForm.getByLabel("Chat model"), CHAT_NAME);
    await expect(chatOptions.getByRole("option", { name: EMBEDDING_NAME })).toHaveCount(0);
    await chatOptions.getByRole("option", { name: CHAT_NAME, exact: true }).click();
    await chooseOption(defaultsForm.getByLabel("Embedding"), EMBEDDING_NAME);
    await saveDefaults(page);
    expect(await defaults(page)).toMatchObject({ llm_id: CHAT, embd_id: EMBEDDING });

    // The server's HTML already shows the saved models in all six selects, before any JavaScript runs.
    const noScript = await browser.newContext({ storageState: ADMIN_STATE, baseURL, javaScriptEnabled: false });
    const serverPage = await noScript.newPage();
    await serverPage.goto("/models");
    const serverForm = serverPage.getByTestId("default-models-form");
    await expect(serverForm.getByLabel("Chat model")).toHaveText(CHAT_NAME);
    await expect(serverForm.getByLabel("Embedding")).toHaveText(EMBEDDING_NAME);
    for (const unset of ["Image-to-text", "Speech-to-text", "Rerank", "Text-to-speech"]) {
      await expect(serverForm.getByLabel(unset)).toHaveText("None");
    }
    await noScript.close();

    await page.reload();
    await expect(defaultsForm.getByLabel("Chat model")).toHaveText(CHAT_NAME);
    await expect(defaultsForm.getByLabel("Embedding")).toHaveText(EMBEDDING_NAME);
    expect(await page.content()).not.toContain(GOOD_KEY);
  });

  await test.step("Check again re-checks the saved key and shows the result", async () => {
    const before = fake.requests.length;
    await providerRow(page, FACTORY)
      .getByRole("button", { name: `Check ${FACTORY} again` })
      .click();
    await expect(toast(page, `${FACTORY} accepted the credentials`)).toBeVisible();
    expect(fake.requests.slice(before)).toEqual([{ method: "GET", path: "/v1/models", apiKey: GOOD_KEY }]);
    await expect(providerRow(page, FACTORY).getByTestId("provider-last-check")).toContainText("OK: Accepted");
  });

  await test.step("one model is added with its type, then removed", async () => {
    const factoryModels = page.locator(`[data-testid="factory-models"][data-factory="${FACTORY}"]`);
    const addForm = factoryModels.getByTestId("add-model-form");
    await addForm.getByLabel("Model name").fill("my-reranker");
    await chooseOption(addForm.getByLabel("Type"), "Rerank");
    await addForm.getByLabel("Max tokens").fill("4096");
    await addForm.getByRole("button", { name: "Add model" }).click();
    await expect(toast(page, "Model added")).toBeVisible();
    await expect(factoryModels.getByRole("row", { name: /my-reranker/ })).toContainText("Rerank");
    await factoryModels.getByRole("button", { name: "Remove my-reranker (Rerank)" }).click();
    await page.getByRole("button", { name: "Remove model" }).click();
    await expect(toast(page, "Model removed")).toBeVisible();
    await expect(factoryModels.getByRole("row", { name: /my-reranker/ })).toHaveCount(0);
  });

  await test.step("None clears one default and leaves the other", async () => {
    await chooseOption(defaultsForm.getByLabel("Embedding"), "None");
    await saveDefaults(page);
    expect(await defaults(page)).toMatchObject({ llm_id: CHAT, embd_id: null });
    await expect(defaultsForm.getByLabel("Embedding")).toHaveText("None");
    await expect(defaultsForm.getByLabel("Chat model")).toHaveText(CHAT_NAME);
  });

  await test.step("removing the provider is confirmed and clears the default that used it", async () => {
    await page.getByRole("button", { name: `Remove ${FACTORY}` }).click();
    const confirm = page.getByTestId("remove-provider-confirm");
    await expect(confirm).toContainText(FACTORY);
    await confirm.getByRole("button", { name: "Remove provider" }).click();
    await expect(toast(page, "Provider removed")).toBeVisible();
    await expect(providerRow(page, FACTORY)).toHaveCount(0);
    expect(await defaults(page)).toMatchObject({ llm_id: null, embd_id: null });
    await expect(defaultsForm.getByLabel("Chat model")).toHaveText("None");
    const chatOptions = await openOptions(page, defaultsForm.getByLabel("Chat model"), "builtin-chat");
    await expect(chatOptions.getByRole("option", { name: CHAT_NAME })).toHaveCount(0);
    await page.keyboard.press("Escape");
  });
});

test("server field errors land on their selects and nothing is saved", async ({ page }) => {
  await page.goto("/models");
  const origin = new URL(page.url()).origin;
  const added = await page.request.post("/api/v1/models", {
    data: { llm_factory: FACTORY, api_key: GOOD_KEY, base_url: fake.url },
    headers: { origin },
  });
  expect(added.status()).toBe(200);
  await page.reload();
  // A stale page: it still offers the provider's models after the provider was removed elsewhere.
  const removed = await page.request.delete("/api/v1/models", { data: { llm_factory: FACTORY }, headers: { origin } });
  expect(removed.status()).toBe(200);
  const defaultsForm = page.getByTestId("default-models-form");
  const before = await defaults(page);
  await chooseOption(defaultsForm.getByLabel("Chat model"), "builtin-chat");
  await chooseOption(defaultsForm.getByLabel("Embedding"), EMBEDDING_NAME);
  await defaultsForm.getByRole("button", { name: "Save default models" }).click();
  await expect(defaultsForm.getByTestId("default-models-error")).toContainText("nothing was changed");
  await expect(defaultsForm.getByLabel("Embedding")).toHaveAttribute("aria-invalid", "true");
  await expect(defaultsForm).toContainText("not configured");
  await expect(defaultsForm.getByLabel("Chat model")).not.toHaveAttribute("aria-invalid", "true");
  expect(await defaults(page)).toEqual(before);
});

test("a self-hosted server is asked what it serves; the user picks models and sets their types", async ({ page }) => {
  const ollama = await startFakeProviderServer({
    acceptKey: GOOD_KEY,
    ollamaModels: [
      { name: "nomic-embed-text:latest", capabilities: ["embedding"], contextLength: 8192 },
      { name: "qwen3:8b", capabilities: ["completion"], contextLength: 40960 },
      { name: "mystery:1b" },
    ],
  });
  try {
    await page.goto("/models");
    const form = page.getByTestId("add-provider-form");
    await chooseOption(form.getByLabel("Factory"), "Ollama (self-hosted)");
    await form.getByLabel("Base URL", { exact: true }).fill(ollama.origin);
    await form.getByRole("button", { name: "Find models" }).click();
    const found = form.getByTestId("discovered-models");
    await expect(found.getByTestId("discovered-model")).toHaveCount(3);
    await expect(found.getByLabel("Type of nomic-embed-text:latest")).toHaveText("Embedding");
    await expect(found.getByLabel("Type of qwen3:8b")).toHaveText("Chat");
    await chooseOption(found.getByLabel("Type of mystery:1b"), "Rerank");
    await found.getByText("qwen3:8b").click();
    await form.getByRole("button", { name: "Add provider" }).click();
    await expect(toast(page, "Provider added")).toBeVisible();
    const models = page.locator('[data-testid="factory-models"][data-factory="Ollama"]');
    await expect(models.getByRole("row", { name: /nomic-embed-text/ })).toContainText("Embedding");
    await expect(models.getByRole("row", { name: /mystery:1b/ })).toContainText("Rerank");
    await expect(models.getByRole("row", { name: /qwen3:8b/ })).toHaveCount(0);
    // The new embedding model can be the default embedding model.
    const embeddingOptions = await openOptions(
      page,
      page.getByTestId("default-models-form").getByLabel("Embedding"),
      "nomic-embed-text:latest",
    );
    await expect(
      embeddingOptions.getByRole("group", { name: "Ollama" }).getByRole("option", { name: "nomic-embed-text:latest" }),
    ).toHaveCount(1);
    await page.keyboard.press("Escape");
  } finally {
    await page.request.delete("/api/v1/models", {
      data: { llm_factory: "Ollama" },
      headers: { origin: new URL(page.url()).origin },
    });
    await ollama.close();
  }
});

test("a factory's credential inputs come from the catalog, and a refused key is shown at the key field", async ({
  page,
}) => {
  const aws = await startFakeProviderServer({ acceptKey: "AKIAE2ETEST", acceptSecret: "right-secret" });
  try {
    await page.goto("/models");
    const form = page.getByTestId("add-provider-form");
    await chooseOption(form.getByLabel("Factory"), "Bedrock");
    const fields = form.getByTestId("credential-fields");
    // Bedrock's three fields, the two secret ones as password inputs.
    await expect(fields.locator('input[type="password"]')).toHaveCount(2);
    await expect(fields.locator('input[type="text"]')).toHaveCount(1);
    await form.getByLabel("Access key id").fill("AKIAE2ETEST");
    await form.getByLabel("Secret access key").fill("wrong-secret");
    await form.getByLabel("Region").fill("us-east-1");
    await form.getByLabel("Override base URL").check();
    await form.getByLabel("Base URL", { exact: true }).fill(aws.origin);
    await form.getByRole("button", { name: "Add provider" }).click();
    await expect(form.getByLabel("Access key id")).toHaveAttribute("aria-invalid", "true");
    await expect(fields).toContainText("Bedrock refused this Access key id");
    expect(aws.calls.at(-1)?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(await page.content()).not.toContain('wrong-secret"');
  } finally {
    await aws.close();
  }
});

test("/models fits a 360 px screen without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/models");
  const origin = new URL(page.url()).origin;
  const added = await page.request.post("/api/v1/models", {
    data: { llm_factory: FACTORY, api_key: GOOD_KEY, base_url: fake.url },
    headers: { origin },
  });
  expect(added.status()).toBe(200);
  await page.reload();
  await expect(providerRow(page, FACTORY)).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Models", level: 1 })).toBeVisible();
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.view);
  // The row's actions stay on screen.
  const remove = page.getByRole("button", { name: `Remove ${FACTORY}` });
  const box = await remove.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(360);
  await page.request.delete("/api/v1/models", { data: { llm_factory: FACTORY }, headers: { origin } });
});
