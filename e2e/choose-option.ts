import type { Locator } from "@playwright/test";

/** Picks an option of a Radix Select (a combobox button and a listbox in a portal) by its label. */
export async function chooseOption(select: Locator, label: string) {
  await select.click();
  await select.page().getByRole("option", { name: label, exact: true }).click();
}
