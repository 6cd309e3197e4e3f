"use client";

import { useId, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useToast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FieldError } from "@/components/ui/field-error";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { addProviderAction, discoverModelsAction } from "@/lib/models/actions";
import type { ApiFactory } from "@/lib/models/catalog";
import { addProviderSchema } from "@/lib/models/schemas";
import { CredentialInputs } from "./credential-inputs";
import { DiscoveredModels, type DiscoveredChoice } from "./discovered-models";
import { providerPayload, serverErrorsToForm, type ProviderFormValues } from "./provider-payload";

/** A catalog factory as GET /models/factories describes it, and whether the user already has it. */
export type FactoryChoice = Omit<ApiFactory, "models" | "tags"> & { configured: boolean };

const EMPTY: ProviderFormValues = { llm_factory: "", base_url: "", credentials: {} };

/** One form for every factory: its credential inputs come from the catalog's field list. */
export function AddProviderForm({ factories }: { factories: FactoryChoice[] }) {
  const id = useId();
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const [action, setAction] = useState<"save" | "discover">("save");
  const [formError, setFormError] = useState<string | null>(null);
  const [override, setOverride] = useState(false);
  const [discovered, setDiscovered] = useState<DiscoveredChoice[] | null>(null);
  const form = useForm<ProviderFormValues>({ defaultValues: EMPTY });
  const { errors } = form.formState;
  const factoryName = useWatch({ control: form.control, name: "llm_factory" });
  const factory = factories.find((choice) => choice.name === factoryName);
  // Self-hosted factories always need a URL; hosted ones only when the user overrides the default.
  const showBaseUrl = factory ? factory.self_hosted || override : false;

  function submit(kind: "save" | "discover") {
    return form.handleSubmit((values) => {
      setFormError(null);
      form.clearErrors();
      const payload = providerPayload(factory, values, showBaseUrl, kind === "save" ? discovered : null);
      // The schema the action parses again; the service adds the rules that need the catalog.
      const parsed = addProviderSchema.safeParse(payload);
      if (!parsed.success) {
        serverErrorsToForm(
          form.setError,
          factory,
          Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), [issue.message]])),
        );
        return;
      }
      setAction(kind);
      startTransition(async () => {
        const result = kind === "save" ? await addProviderAction(payload) : await discoverModelsAction(payload);
        if (!result.ok) {
          const unplaced = serverErrorsToForm(form.setError, factory, result.fields);
          setFormError(unplaced.length > 0 ? `${result.error} ${unplaced.join(" ")}` : result.error);
          return;
        }
        if (Array.isArray(result.data)) {
          setDiscovered(
            result.data.map((model) => ({
              name: model.name,
              type: model.suggested_type,
              maxTokens: model.max_tokens,
              selected: true,
            })),
          );
          return;
        }
        toast({
          title: "Provider added",
          description: `${values.llm_factory} models are ready to use.`,
          variant: "success",
        });
        // Clears the secrets too: they must not linger in the page once saved.
        form.reset(EMPTY);
        setOverride(false);
        setDiscovered(null);
      });
    });
  }

  return (
    <form
      onSubmit={submit("save")}
      noValidate
      className="grid min-w-0 max-w-xl gap-5"
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
          {...form.register("llm_factory", {
            onChange: () => {
              setFormError(null);
              setDiscovered(null);
              form.setValue("credentials", {});
            },
          })}
        >
          <option value="" disabled>
            Choose a factory…
          </option>
          {factories.map((choice) => (
            <option key={choice.name} value={choice.name}>
              {choice.name}
              {choice.self_hosted ? " (self-hosted)" : ""}
              {choice.configured ? " — configured" : ""}
            </option>
          ))}
        </Select>
        <p id={`${id}-factory-hint`} className="text-xs text-muted-foreground">
          {factoryHint(factory)}
        </p>
        <FieldError id={`${id}-factory-error`} errors={errors.llm_factory?.message} />
      </div>

      {factory && <CredentialInputs key={factory.name} factory={factory} form={form} pending={pending} />}

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
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-url`}>Base URL</Label>
          <Input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder={factory?.default_base_url ?? "https://llm.example.com/v1"}
            required={factory?.self_hosted}
            readOnly={pending}
            invalid={Boolean(errors.base_url)}
            aria-describedby={`${id}-url-error`}
            // Unmounting drops the value, so a hidden override is never sent.
            {...form.register("base_url", { shouldUnregister: true })}
          />
          <FieldError id={`${id}-url-error`} errors={errors.base_url?.message} />
        </div>
      )}

      {discovered && <DiscoveredModels models={discovered} disabled={pending} onChange={setDiscovered} />}
      <FieldError id={`${id}-models-error`} errors={errors.models?.message} />

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={pending && action === "save"} disabled={pending}>
          Add provider
        </Button>
        {factory && (
          <Button
            type="button"
            variant="secondary"
            pending={pending && action === "discover"}
            disabled={pending}
            onClick={submit("discover")}
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
              {action === "save" ? `Checking with ${factoryName}…` : `Asking ${factoryName} for its models…`}
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
