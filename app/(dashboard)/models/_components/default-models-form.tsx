"use client";

import { toast } from "sonner";
import { FormField } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Select } from "@/components/ui/select";
import { setDefaultsAction } from "@/lib/models/actions";
import type { DefaultField } from "@/lib/models/model-types";
import { setDefaultsSchema } from "@/lib/models/schemas";
import { DEFAULT_FIELD_LABELS, DEFAULT_FIELD_ORDER, defaultFormValues, type DefaultOptions } from "./model-options";

type DefaultModelsFormProps = {
  /** The saved defaults, "" where unset; the page remounts this form when they change. */
  values: Record<DefaultField, string>;
  options: DefaultOptions;
};

/** The six defaults, saved together in one call: the service takes all of them or none. */
export function DefaultModelsForm({ values, options }: DefaultModelsFormProps) {
  const { form, onSubmit, pending, formError } = useActionForm({
    schema: setDefaultsSchema,
    defaultValues: values,
    action: setDefaultsAction,
    // The service saves all six or none, and its message says so.
    keepSummary: true,
    onSuccess: (saved, _values, savedForm) => {
      toast.success("Default models saved");
      // Also done by the remount that revalidation causes; kept so an unchanged save clears isDirty too.
      savedForm.reset(defaultFormValues(saved));
    },
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
      <div className="grid gap-4 sm:grid-cols-2">
        {DEFAULT_FIELD_ORDER.map((name) => (
          <FormField
            key={name}
            control={form.control}
            name={name}
            label={DEFAULT_FIELD_LABELS[name]}
            hint={
              options[name].length === 0
                ? "No models of this type yet: add a provider that offers one."
                : `API field ${name}`
            }
            className="content-start"
          >
            {(field) => (
              <Select
                {...field}
                disabled={pending}
                options={[
                  { value: "", label: "None" },
                  ...options[name].flatMap((group) =>
                    group.options.map((option) => ({ value: option.id, label: option.name, group: group.factory })),
                  ),
                ]}
              />
            )}
          </FormField>
        ))}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" pending={pending}>
          Save default models
        </Button>
        {form.formState.isDirty && !pending && <span className="text-sm text-muted-foreground">Unsaved changes</span>}
      </div>
    </form>
  );
}
