"use server";
// The /admin/settings form's adapter: the settings service validates the merged result and audits.
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/api/action-result";
import { actionCaller } from "@/lib/auth/session";
import { settingsSchema } from "@/lib/settings/schemas";
import { updateSettings } from "@/lib/settings/service";

export async function updateSettingsAction(input: unknown) {
  const caller = await actionCaller();
  return runAction(settingsSchema, input, async (data) => {
    const settings = await updateSettings(caller, data);
    // The policies change what /keys offers and what the overview flags.
    revalidatePath("/", "layout");
    return settings;
  });
}
