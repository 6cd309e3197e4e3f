"use client";

import { useRef, useState } from "react";
import { useWatch } from "react-hook-form";
import { toast } from "sonner";
import { FormField } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { addProviderAction, discoverModelsAction } from "@/lib/models/actions";
import type { ActionResult } from "@/lib/api/action-result";
import type { ApiFactory } from "@/lib/models/catalog";
import type { DiscoveredDto } from "@/lib/models/provider-models";
import { CredentialInputs } from "./credential-inputs";
import { DiscoveredModels } from "./discovered-models";
import { credentialErrorPath, providerFormSchema, providerPayload, type ProviderFormValues } from "./provider-payload";

/** A catalog factory as GET /models/factories describes it, and whether the user already has it. */
export type FactoryChoice = Omit<ApiFactory, "models" | "tags"> & { configured: boolean };

type Intent = "save" | "discover";

const EMPTY: ProviderFormValues = { llm_factory: "", base_url: "", credentials: {}, models: null };

/** One form for every factory: its credential inputs come from the catalog's field list. */
export function AddProviderForm({ factories }: { factories: FactoryChoice[] }) {
  const [override, setOverride] = useState(false);
  // The ref is what the submit reads (set in the same click); the state is what the page shows.
  const intentRef = useRef<Intent>("save");
  const [intent, setIntent] = useState<Intent>("save");
  const find = (name: string) => factories.find((choice) => choice.name === name);
  const actionForm = useActionForm({
    schema: providerFormSchema,
    defaultValues: EMPTY,
    // The action parses addProviderSchema again; the service adds the rules that need the catalog.
    action: (values): Promise<ActionResult<true | DiscoveredDto[]>> => {
      const payload = providerPayload(find(values.llm_factory), values);
      return intentRef.current === "save" ? addProviderAction(payload) : discoverModelsAction(payload);
    },
    serverFieldPath: (path) => credentialErrorPath(factory, path),
    // The provider's own words ("Incorrect API key provided") in the banner, beside the field error.
    keepSummary: true,
    onSuccess: (data, values, savedForm) => {
      if (Array.isArray(data)) {
        const found = data.map((model) => ({
          name: model.name,
          type: model.suggested_type,
          maxTokens: model.max_tokens,
          selected: true,
        }));
        savedForm.setValue("models", found);
        return;
      }
      toast.success("Provider added", { description: `${values.llm_factory} models are ready to use.` });
      // Clears the secrets too: they must not linger in the page once saved.
      savedForm.reset(EMPTY);
      setOverride(false);
    },
  });
  const { form, onSubmit, pending, formError } = actionForm;
  const factoryName = useWatch({ control: form.control, name: "llm_factory" });
  const discovered = useWatch({ control: form.control, name: "models" });
  const factory = find(factoryName);
  // Self-hosted factories always need a URL; hosted ones only when the user overrides the default.
  const showBaseUrl = factory ? factory.self_hosted || override : false;
  const factoryOptions = factories.map((choice) => ({
    value: choice.name,
    label: `${choice.name}${choice.self_hosted ? " (self-hosted)" : ""}${choice.configured ? " — configured" : ""}`,
  }));

  function submit(next: Intent) {
    intentRef.current = next;
    setIntent(next);
    void onSubmit();
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit("save");
      }}
      noValidate
      className="grid min-w-0 max-w-xl gap-5"
      aria-busy={pending || undefined}
      data-testid="add-provider-form"
    >
      <FormError message={formError} testId="add-provider-error" />
      <FormField control={form.control} name="llm_factory" label="Factory" hint={factoryHint(factory)}>
        {(field) => (
          <Select
            {...field}
            onChange={(name) => {
              field.onChange(name);
              // Another factory has other credential fields and serves other models.
              form.setValue("credentials", {});
              form.setValue("models", null);
            }}
            disabled={pending}
            options={factoryOptions}
            placeholder="Choose a factory…"
          />
        )}
      </FormField>

      {factory && <CredentialInputs key={factory.name} factory={factory} control={form.control} pending={pending} />}

      {factory && !factory.self_hosted && (
        <Checkbox
          label="Override base URL"
          description={`For a proxy or a compatible endpoint instead of ${factory.default_base_url ?? "the provider's public URL"}.`}
          checked={override}
          disabled={pending}
          onChange={(event) => setOverride(event.target.checked)}
        />
      )}
      {showBaseUrl && (
        // Unmounting drops the value, so a hidden override is never sent.
        <FormField control={form.control} name="base_url" label="Base URL" shouldUnregister>
          {(field) => (
            <Input
              {...field}
              value={field.value ?? ""}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder={factory?.default_base_url ?? "https://llm.example.com/v1"}
              required={factory?.self_hosted}
              readOnly={pending}
            />
          )}
        </FormField>
      )}

      {discovered && <DiscoveredModels control={form.control} disabled={pending} />}

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={pending && intent === "save"} disabled={pending}>
          Add provider
        </Button>
        {factory && (
          <Button
            type="button"
            variant="secondary"
            pending={pending && intent === "discover"}
            disabled={pending}
            onClick={() => submit("discover")}
          >
            {discovered ? "Find models again" : "Find models"}
          </Button>
        )}
        {/* Always in the DOM, so screen readers announce the text when a check starts. */}
        <p
          role="status"
          className="flex items-center gap-2 text-sm text-muted-foreground"
          data-testid="add-provider-progress"
        >
          {pending && (
            <>
              <Spinner />
              {intent === "save" ? `Checking with ${factoryName}…` : `Asking ${factoryName} for its models…`}
            </>
          )}
        </p>
      </div>
    </form>
  );
}

function factoryHint(factory: FactoryChoice | undefined): string {
  if (!factory) return "Choose where the models run.";
  const replaces = factory.configured ? " Already configured: saving replaces its credentials and base URL." : "";
  if (factory.self_hosted)
    return `Runs on your own server: give its base URL; the key is optional. Find models asks the server what it serves.${replaces}`;
  return `The credentials are checked with one call to ${factory.name} (${factory.check_protocol}).${replaces}`;
}
