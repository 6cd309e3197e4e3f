import type { UseFormSetError } from "react-hook-form";
import type { DiscoveredChoice } from "./discovered-models";
import type { FactoryChoice } from "./add-provider-form";

// Between the add-provider form and POST /models: the form holds one input per credential field;
// the API takes `api_key` as a string for one-key factories and as an object otherwise.

export type ProviderFormValues = {
  llm_factory: string;
  base_url: string;
  credentials: Record<string, string>;
  /** Only for server errors about the model list. */
  models?: string;
};

export function isSingleKey(factory: FactoryChoice | undefined): boolean {
  return factory?.credential_fields.length === 1 && factory.credential_fields[0].name === "api_key";
}

export function providerPayload(
  factory: FactoryChoice | undefined,
  values: ProviderFormValues,
  withBaseUrl: boolean,
  discovered: DiscoveredChoice[] | null,
) {
  const given = Object.fromEntries(
    Object.entries(values.credentials ?? {}).flatMap(([name, value]) => (value.trim() === "" ? [] : [[name, value]])),
  );
  const apiKey = isSingleKey(factory) ? given.api_key : Object.keys(given).length > 0 ? given : undefined;
  const models = discovered
    ?.filter((model) => model.selected)
    .map((model) => ({ name: model.name, type: model.type, max_tokens: model.maxTokens }));
  return {
    llm_factory: values.llm_factory,
    ...(apiKey !== undefined ? { api_key: apiKey } : {}),
    ...(withBaseUrl && values.base_url ? { base_url: values.base_url } : {}),
    ...(models && models.length > 0 ? { models } : {}),
  };
}

/** Puts `api_key`, `api_key.<field>`, `base_url`, … errors on their inputs; returns what has no input. */
export function serverErrorsToForm(
  setError: UseFormSetError<ProviderFormValues>,
  factory: FactoryChoice | undefined,
  fields: Record<string, string[]> | undefined,
): string[] {
  const unplaced: string[] = [];
  let first = true;
  for (const [path, messages] of Object.entries(fields ?? {})) {
    const message = messages.join(" ");
    const credential =
      path === "api_key" ? "api_key" : path.startsWith("api_key.") ? path.slice("api_key.".length) : null;
    const known = credential !== null && factory?.credential_fields.some((field) => field.name === credential);
    if (known) setError(`credentials.${credential}`, { type: "server", message }, { shouldFocus: first });
    else if (path === "llm_factory" || path === "base_url")
      setError(path, { type: "server", message }, { shouldFocus: first });
    else if (path.startsWith("models")) setError("models", { type: "server", message });
    else if (credential !== null)
      setError(`credentials.${factory?.credential_fields[0]?.name ?? "api_key"}`, { type: "server", message });
    else unplaced.push(message);
    first = false;
  }
  return unplaced;
}
