"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState, useTransition } from "react";
import { useForm, type Path } from "react-hook-form";
import type { z } from "zod";
import { placeServerErrors } from "@/components/forms/place-server-errors";
import { safeAction } from "@/components/keys/safe-action";
import { useToast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FieldError } from "@/components/ui/field-error";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { updateSettingsAction } from "@/lib/settings/actions";
import { settingsSchema, USER_SCOPES, type SettingsInput } from "@/lib/settings/schemas";

// The form holds what the schema takes in; the resolver hands the submit what it puts out.
type FormValues = z.input<typeof settingsSchema>;
const FIELDS = Object.keys(settingsSchema.shape) as Path<FormValues>[];

const NUMBER_FIELDS = [
  { name: "key_default_ttl_days", label: "Default lifetime (days)", hint: "A new key's lifetime when none is chosen." },
  { name: "key_max_ttl_days", label: "Maximum lifetime (days)", hint: "No key is created, renewed or rolled longer." },
  {
    name: "expiry_warning_days",
    label: "Expiry warning (days)",
    hint: "Keys expiring within this many days are flagged.",
  },
  { name: "idle_key_days", label: "Idle after (days)", hint: "Keys unused this long are flagged; 0 turns it off." },
] as const;

/** Edits every policy at once, validated here and again by the service with the same schema. */
export function SettingsForm({ values }: { values: SettingsInput }) {
  const id = useId();
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues, unknown, SettingsInput>({
    resolver: zodResolver(settingsSchema),
    defaultValues: values,
  });
  const { errors, isDirty } = form.formState;

  const onSubmit = form.handleSubmit((input) => {
    setFormError(null);
    startTransition(async () => {
      const result = await safeAction(updateSettingsAction(input));
      if (result.ok) {
        toast({ title: "Key policies saved", variant: "success" });
        return;
      }
      const { unplaced } = placeServerErrors(form.setError, result.fields, FIELDS);
      setFormError([result.error, ...unplaced].join(" "));
    });
  });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-6"
      aria-busy={pending || undefined}
      data-testid="settings-form"
    >
      <FormError message={formError} testId="settings-error" />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Lifetimes and warnings</legend>
        {NUMBER_FIELDS.map((field) => {
          const error = errors[field.name]?.message;
          return (
            <div key={field.name} className="grid content-start gap-1.5">
              <Label htmlFor={`${id}-${field.name}`}>{field.label}</Label>
              <Input
                id={`${id}-${field.name}`}
                type="number"
                inputMode="numeric"
                invalid={Boolean(error)}
                disabled={pending}
                aria-describedby={`${id}-${field.name}-hint ${id}-${field.name}-error`}
                {...form.register(field.name, { valueAsNumber: true })}
              />
              <p id={`${id}-${field.name}-hint`} className="text-xs text-muted-foreground">
                {field.hint}
              </p>
              <FieldError id={`${id}-${field.name}-error`} errors={error} />
            </div>
          );
        })}
      </fieldset>

      <fieldset className="grid gap-3">
        <legend className="mb-2 text-sm font-semibold">What users may do</legend>
        <Checkbox
          label="Keys may never expire"
          description="Lets anyone choose “never” as a key's lifetime."
          disabled={pending}
          {...form.register("key_allow_no_expiry")}
        />
        <Checkbox
          label="Users may create keys"
          description="Off: only administrators create keys; users' Create button is hidden and the API refuses."
          disabled={pending}
          {...form.register("users_can_create_keys")}
        />
        <div
          className="grid gap-2"
          role="group"
          aria-labelledby={`${id}-scopes`}
          aria-describedby={`${id}-scopes-error`}
        >
          <p id={`${id}-scopes`} className="text-sm font-medium">
            Scopes users may grant their keys
          </p>
          <div className="flex flex-wrap gap-4">
            {USER_SCOPES.map((scope) => (
              <Checkbox
                key={scope}
                label={<code className="font-mono">{scope}</code>}
                value={scope}
                disabled={pending}
                {...form.register("user_grantable_scopes")}
              />
            ))}
          </div>
          <FieldError id={`${id}-scopes-error`} errors={errors.user_grantable_scopes?.message} />
        </div>
      </fieldset>

      <div className="flex items-center gap-3">
        <Button type="submit" pending={pending}>
          Save policies
        </Button>
        {isDirty && !pending && <span className="text-sm text-muted-foreground">Unsaved changes</span>}
      </div>
    </form>
  );
}
