"use client";

import { useId, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { placeServerErrors } from "@/components/forms/place-server-errors";
import { useToast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormError } from "@/components/ui/form-error";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { setDefaultsAction } from "@/lib/models/actions";
import { DEFAULT_FIELD_NAMES, type DefaultField } from "@/lib/models/model-types";
import { setDefaultsSchema, type SetDefaultsFormValues, type SetDefaultsInput } from "@/lib/models/schemas";
import { DEFAULT_FIELD_LABELS, DEFAULT_FIELD_ORDER, defaultFormValues, type DefaultOptions } from "./model-options";

type DefaultModelsFormProps = {
  /** The saved defaults, "" where unset; the page remounts this form when they change. */
  values: Record<DefaultField, string>;
  options: DefaultOptions;
};

/** The six defaults, saved together in one call: the service takes all of them or none. */
export function DefaultModelsForm({ values, options }: DefaultModelsFormProps) {
  const id = useId();
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SetDefaultsFormValues, unknown, SetDefaultsInput>({
    resolver: zodResolver(setDefaultsSchema),
    defaultValues: values,
  });
  const { errors, isDirty } = form.formState;

  const onSubmit = form.handleSubmit((input) => {
    setFormError(null);
    startTransition(async () => {
      const result = await setDefaultsAction(input);
      if (result.ok) {
        toast({ title: "Default models saved", variant: "success" });
        // Also done by the remount that revalidation causes; kept so an unchanged save clears isDirty too.
        form.reset(defaultFormValues(result.data));
        return;
      }
      placeServerErrors(form.setError, result.fields, DEFAULT_FIELD_NAMES);
      setFormError(result.error);
    });
  });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-5"
      aria-busy={pending || undefined}
      data-testid="default-models-form"
    >
      <FormError message={formError} testId="default-models-error" />
      <div className="grid min-w-0 gap-4 sm:grid-cols-2">
        {DEFAULT_FIELD_ORDER.map((field) => {
          const groups = options[field];
          const error = errors[field]?.message;
          return (
            <div key={field} className="grid content-start gap-1.5">
              <Label htmlFor={`${id}-${field}`}>{DEFAULT_FIELD_LABELS[field]}</Label>
              <Select
                id={`${id}-${field}`}
                invalid={Boolean(error)}
                disabled={pending}
                aria-describedby={`${id}-${field}-hint ${id}-${field}-error`}
                data-field={field}
                // The server's HTML already selects the saved model; react-hook-form takes over on hydration.
                defaultValue={values[field]}
                {...form.register(field)}
              >
                <option value="">None</option>
                {groups.map((group) => (
                  <optgroup key={group.factory} label={group.factory}>
                    {group.options.map((option) => (
                      <option key={option.id} value={option.id}>
                        {option.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </Select>
              <p id={`${id}-${field}-hint`} className="text-xs text-muted-foreground">
                {groups.length === 0
                  ? "No models of this type yet: add a provider that offers one."
                  : `API field ${field}`}
              </p>
              <FieldError id={`${id}-${field}-error`} errors={error} />
            </div>
          );
        })}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" pending={pending}>
          Save default models
        </Button>
        {isDirty && !pending && <span className="text-sm text-muted-foreground">Unsaved changes</span>}
      </div>
    </form>
  );
}
