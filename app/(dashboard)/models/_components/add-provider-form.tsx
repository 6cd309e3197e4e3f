"use client";

import { useState } from "react";
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
import { addProviderAction } from "@/lib/models/actions";
import { addProviderSchema, type AddProviderFormValues } from "@/lib/models/schemas";

export type FactoryChoice = { name: string; selfHosted: boolean; defaultBaseUrl: string | null; configured: boolean };

const EMPTY: AddProviderFormValues = { llm_factory: "", api_key: "", base_url: "" };

export function AddProviderForm({ factories }: { factories: FactoryChoice[] }) {
  const [override, setOverride] = useState(false);
  const { form, onSubmit, pending, formError } = useActionForm({
    // The schema addProviderAction parses again; the service adds the rules that need the catalog.
    schema: addProviderSchema,
    defaultValues: EMPTY,
    action: addProviderAction,
    onSuccess: (_added, values, addedForm) => {
      toast.success("Provider added", { description: `${values.llm_factory} models are ready to use.` });
      // Clears the key too: it must not linger in the page once saved.
      addedForm.reset(EMPTY);
      setOverride(false);
    },
  });
  const factoryName = useWatch({ control: form.control, name: "llm_factory" });
  const factory = factories.find((choice) => choice.name === factoryName);
  // Self-hosted factories always need a URL; hosted ones only when the user overrides the default.
  const showBaseUrl = factory ? factory.selfHosted || override : false;
  const factoryOptions = factories.map((choice) => ({
    value: choice.name,
    label: `${choice.name}${choice.selfHosted ? " (self-hosted)" : ""}${choice.configured ? " — configured" : ""}`,
  }));

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid max-w-xl gap-5"
      aria-busy={pending || undefined}
      data-testid="add-provider-form"
    >
      <FormError message={formError} testId="add-provider-error" />
      <FormField control={form.control} name="llm_factory" label="Factory" hint={factoryHint(factory)}>
        {(field) => <Select {...field} disabled={pending} options={factoryOptions} placeholder="Choose a factory…" />}
      </FormField>

      <FormField control={form.control} name="api_key" label={`API key${factory?.selfHosted ? " (optional)" : ""}`}>
        {(field) => (
          <Input
            {...field}
            value={typeof field.value === "string" ? field.value : ""}
            type="password"
            autoComplete="off"
            spellCheck={false}
            readOnly={pending}
          />
        )}
      </FormField>

      {factory && !factory.selfHosted && (
        <Checkbox
          label="Override base URL"
          description={`For a proxy or a compatible endpoint instead of ${factory.defaultBaseUrl ?? "the provider's public URL"}.`}
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
              placeholder={factory?.defaultBaseUrl ?? "https://llm.example.com/v1"}
              required={factory?.selfHosted}
              readOnly={pending}
            />
          )}
        </FormField>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={pending}>
          Add provider
        </Button>
        {/* Always in the DOM, so screen readers announce the text when a check starts. */}
        <p
          role="status"
          className="flex items-center gap-2 text-sm text-muted-foreground"
          data-testid="add-provider-progress"
        >
          {pending && (
            <>
              <Spinner />
              Checking with {factoryName}…
            </>
          )}
        </p>
      </div>
    </form>
  );
}

function factoryHint(factory: FactoryChoice | undefined): string {
  if (!factory) return "Choose where the models run.";
  const replaces = factory.configured ? " Already configured: saving replaces its key and base URL." : "";
  if (factory.selfHosted) return `Runs on your own server: give its base URL; the key is optional.${replaces}`;
  return `The key is checked with one call to ${factory.name}'s list-models endpoint.${replaces}`;
}
