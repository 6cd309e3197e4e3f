"use client";

import { useId, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { placeServerErrors } from "@/components/forms/place-server-errors";
import { useToast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FieldError } from "@/components/ui/field-error";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { addProviderAction } from "@/lib/models/actions";
import { addProviderSchema, type AddProviderFormValues, type AddProviderInput } from "@/lib/models/schemas";

export type FactoryChoice = { name: string; selfHosted: boolean; defaultBaseUrl: string | null; configured: boolean };

const FORM_FIELDS = ["llm_factory", "api_key", "base_url"] as const;
const EMPTY: AddProviderFormValues = { llm_factory: "", api_key: "", base_url: "" };

export function AddProviderForm({ factories }: { factories: FactoryChoice[] }) {
  const id = useId();
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const [override, setOverride] = useState(false);
  const form = useForm<AddProviderFormValues, unknown, AddProviderInput>({
    // The schema addProviderAction parses again; the service adds the rules that need the catalog.
    resolver: zodResolver(addProviderSchema),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;
  const factoryName = useWatch({ control: form.control, name: "llm_factory" });
  const factory = factories.find((choice) => choice.name === factoryName);
  // Self-hosted factories always need a URL; hosted ones only when the user overrides the default.
  const showBaseUrl = factory ? factory.selfHosted || override : false;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await addProviderAction(values);
      if (result.ok) {
        toast({
          title: "Provider added",
          description: `${values.llm_factory} models are ready to use.`,
          variant: "success",
        });
        // Clears the key too: it must not linger in the page once saved.
        form.reset(EMPTY);
        setOverride(false);
        return;
      }
      placeServerErrors(form.setError, result.fields, FORM_FIELDS);
      // The summary says who refused what ("OpenAI refused the API key: …"), so it shows even when a field has the detail.
      setFormError(result.error);
    });
  });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid max-w-xl gap-5"
      aria-busy={pending || undefined}
      data-testid="add-provider-form"
    >
      <FormError message={formError} testId="add-provider-error" />
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-factory`}>Factory</Label>
        <Select
          id={`${id}-factory`}
          invalid={Boolean(errors.llm_factory)}
          aria-describedby={`${id}-factory-hint ${id}-factory-error`}
          disabled={pending}
          {...form.register("llm_factory", { onChange: () => setFormError(null) })}
        >
          <option value="" disabled>
            Choose a factory…
          </option>
          {factories.map((choice) => (
            <option key={choice.name} value={choice.name}>
              {choice.name}
              {choice.selfHosted ? " (self-hosted)" : ""}
              {choice.configured ? " — configured" : ""}
            </option>
          ))}
        </Select>
        <p id={`${id}-factory-hint`} className="text-xs text-muted-foreground">
          {factoryHint(factory)}
        </p>
        <FieldError id={`${id}-factory-error`} errors={errors.llm_factory?.message} />
      </div>

      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-key`}>API key{factory?.selfHosted ? " (optional)" : ""}</Label>
        <Input
          id={`${id}-key`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          readOnly={pending}
          invalid={Boolean(errors.api_key)}
          aria-describedby={`${id}-key-error`}
          {...form.register("api_key")}
        />
        <FieldError id={`${id}-key-error`} errors={errors.api_key?.message} />
      </div>

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
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-url`}>Base URL</Label>
          <Input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder={factory?.defaultBaseUrl ?? "https://llm.example.com/v1"}
            required={factory?.selfHosted}
            readOnly={pending}
            invalid={Boolean(errors.base_url)}
            aria-describedby={`${id}-url-error`}
            // Unmounting drops the value, so a hidden override is never sent.
            {...form.register("base_url", { shouldUnregister: true })}
          />
          <FieldError id={`${id}-url-error`} errors={errors.base_url?.message} />
        </div>
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
