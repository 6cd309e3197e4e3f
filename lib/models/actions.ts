"use server";
// Adapters for the /models page. Each is a public POST endpoint: it finds the caller from the
// session, re-parses its arguments with the schema the REST route uses, and leaves every
// decision (Builtin, key required, provider check, default types) to the services.
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/api/action-result";
import { actionCaller } from "@/lib/auth/session";
import { setDefaults } from "@/lib/models/defaults";
import { addProvider, removeProvider } from "@/lib/models/providers";
import { addProviderSchema, removeProviderSchema, setDefaultsSchema } from "@/lib/models/schemas";

/** Checks the key with the provider (up to 10 s) before saving, as POST /api/v1/models does. */
export async function addProviderAction(input: unknown) {
  const caller = await actionCaller();
  return runAction(addProviderSchema, input, async (data) => {
    const added = await addProvider(caller, data);
    revalidatePath("/models");
    return added;
  });
}

/** Removing a provider also clears the defaults that named its models, so the page refreshes whole. */
export async function removeProviderAction(factory: unknown) {
  const caller = await actionCaller();
  return runAction(removeProviderSchema, { llm_factory: factory }, async (data) => {
    const removed = await removeProvider(caller, data);
    revalidatePath("/models");
    return removed;
  });
}

/** All six defaults at once; the service changes nothing unless every given field is valid. */
export async function setDefaultsAction(input: unknown) {
  const caller = await actionCaller();
  return runAction(setDefaultsSchema, input, async (data) => {
    const defaults = await setDefaults(caller, data);
    revalidatePath("/models");
    return defaults;
  });
}
