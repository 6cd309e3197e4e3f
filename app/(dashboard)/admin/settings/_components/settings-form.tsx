"use client";

import { toast } from "sonner";
import { FormField } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { updateSettingsAction } from "@/lib/settings/actions";
import { settingsSchema, USER_SCOPES, type SettingsInput } from "@/lib/settings/schemas";

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
  const { form, onSubmit, pending, formError } = useActionForm({
    schema: settingsSchema,
    defaultValues: values,
    action: updateSettingsAction,
    onSuccess: (saved, _values, savedForm) => {
      // What the server stored becomes the form's clean state ("Unsaved changes" goes away).
      const { updated_at: _updatedAt, ...fields } = saved;
      savedForm.reset(fields);
      toast.success("Key policies saved");
    },
  });
  const { control } = form;

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-6"
      aria-busy={pending || undefined}
      data-testid="settings-form"
    >
      <FormError message={formError} testId="settings-error" />
      <fieldset className="grid min-w-0 gap-4 sm:grid-cols-2" disabled={pending}>
        <legend className="mb-2 text-sm font-semibold">Lifetimes and warnings</legend>
        {NUMBER_FIELDS.map(({ name, label, hint }) => (
          <FormField key={name} control={control} name={name} label={label} hint={hint} className="content-start">
            {({ value, onChange, ...field }) => (
              <Input
                {...field}
                type="number"
                inputMode="numeric"
                // An empty box is NaN, which the schema reports as "must be a number of days".
                value={Number.isNaN(value) ? "" : value}
                onChange={(event) => onChange(event.target.valueAsNumber)}
              />
            )}
          </FormField>
        ))}
      </fieldset>

      <fieldset className="grid min-w-0 gap-4" disabled={pending}>
        <legend className="mb-2 text-sm font-semibold">What users may do</legend>
        <FormField control={control} name="key_allow_no_expiry" label="Expiry" as="group">
          {({ value, onChange, onBlur, name, ref }) => (
            <Checkbox
              ref={ref}
              name={name}
              label="Keys may never expire"
              description="Lets anyone choose “never” as a key's lifetime."
              checked={value}
              onBlur={onBlur}
              onChange={(event) => onChange(event.target.checked)}
            />
          )}
        </FormField>
        <FormField control={control} name="users_can_create_keys" label="Creating keys" as="group">
          {({ value, onChange, onBlur, name, ref }) => (
            <Checkbox
              ref={ref}
              name={name}
              label="Users may create keys"
              description="Off: only administrators create keys; users' Create button is hidden and the API refuses."
              checked={value}
              onBlur={onBlur}
              onChange={(event) => onChange(event.target.checked)}
            />
          )}
        </FormField>
        <FormField control={control} name="user_grantable_scopes" label="Scopes users may grant their keys" as="group">
          {({ value = [], onChange, onBlur, ref }) => (
            <div className="flex flex-wrap gap-4">
              {USER_SCOPES.map((scope, index) => (
                <Checkbox
                  key={scope}
                  ref={index === 0 ? ref : undefined}
                  value={scope}
                  label={<code className="font-mono">{scope}</code>}
                  checked={value.includes(scope)}
                  onBlur={onBlur}
                  onChange={(event) =>
                    onChange(event.target.checked ? [...value, scope] : value.filter((held) => held !== scope))
                  }
                />
              ))}
            </div>
          )}
        </FormField>
      </fieldset>

      <div className="flex items-center gap-3">
        <Button type="submit" pending={pending}>
          Save policies
        </Button>
        {form.formState.isDirty && !pending && <span className="text-sm text-muted-foreground">Unsaved changes</span>}
      </div>
    </form>
  );
}
