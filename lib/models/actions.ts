"use server";
// Adapters for the /models page. Each is a public POST endpoint: it finds the caller from the
// session, re-parses its arguments with the schema the REST route uses, and leaves every
// decision (Builtin, credentials, provider check, default types) to the services.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/api/action-result";
import { actionCaller } from "@/lib/auth/session";
import { setDefaults } from "@/lib/models/defaults";
import { addModel, discoverModels, recheckProvider, removeModel } from "@/lib/models/provider-models";
import { addProvider, removeProvider } from "@/lib/models/providers";
import {
  addProviderSchema,
  discoverModelsSchema,
  modelSpecSchema,
  removeModelQuerySchema,
  removeProviderSchema,
  setDefaultsSchema,
} from "@/lib/models/schemas";

const factoryParam = z.string().trim().min(1).max(100);

/** Checks the credentials with the provider (up to 10 s) before saving, as POST /api/v1/models does. */
export async function addProviderAction(input: unknown) {
  const caller = await actionCaller();
  return runAction(addProviderSchema, input, async (data) => {
    const added = await addProvider(caller, data);
    revalidatePath("/models");
    return added;
  });
}

/** Asks the server which models it serves, so the form can offer them with their types. Saves nothing. */
export async function discoverModelsAction(input: unknown) {
  const caller = await actionCaller();
  return runAction(discoverModelsSchema, input, (data) => discoverModels(caller, data));
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

export async function recheckProviderAction(factory: unknown) {
  const caller = await actionCaller();
  return runAction(z.object({ factory: factoryParam }), { factory }, async (data) => {
    const result = await recheckProvider(caller, data.factory);
    revalidatePath("/models");
    return result;
  });
}

export async function addModelAction(input: unknown) {
  const caller = await actionCaller();
  return runAction(modelSpecSchema.extend({ factory: factoryParam }), input, async ({ factory, ...spec }) => {
    const added = await addModel(caller, factory, spec);
    revalidatePath("/models");
    return added;
  });
}

export async function removeModelAction(input: unknown) {
  const caller = await actionCaller();
  const schema = removeModelQuerySchema.extend({ factory: factoryParam, name: z.string().trim().min(1).max(200) });
  return runAction(schema, input, async ({ factory, name, type }) => {
    const removed = await removeModel(caller, factory, name, type);
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
