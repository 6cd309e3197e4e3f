"use client";

import { FormDialog } from "@/components/forms/form-dialog";
import { FormField } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { DEFAULT_SCOPES, SCOPES, type Scope } from "@/lib/auth/caller";
import { createKeyAction } from "@/lib/keys/actions";
import { createKeySchema, EXPIRY_CHOICES } from "@/lib/keys/schemas";

export type CreatedKeyResult = Extract<Awaited<ReturnType<typeof createKeyAction>>, { ok: true }>["data"];

const NO_EXPIRY = "none";

const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  "keys:read": "List and read API keys",
  "keys:write": "Create, change, revoke and delete API keys",
  "models:read": "Read model providers and default models",
  "models:write": "Add and remove providers, set default models",
  admin: "Manage users and everyone's keys",
};

export type CreateKeyDialogProps = {
  /** Mount it only while open: each opening starts from the defaults. */
  onOpenChange: (open: boolean) => void;
  ownerId: string;
  /** Only an admin's key may hold the `admin` scope, so only then is it offered. */
  ownerIsAdmin: boolean;
  /** KEY_ALLOW_NO_EXPIRY: whether "No expiry" is offered. */
  allowNoExpiry: boolean;
  /** KEY_DEFAULT_TTL_DAYS: the preselected lifetime. */
  defaultTtlDays: number;
  defaultName?: string;
  /** "Create key" on /keys, "Generate key" when an admin makes one for a user. */
  title: string;
  /** Called with the create response; `key` (the secret) is there unless an alias renewed a key. */
  onCreated: (created: CreatedKeyResult) => void;
};

export function CreateKeyDialog({
  onOpenChange,
  ownerId,
  ownerIsAdmin,
  allowNoExpiry,
  defaultTtlDays,
  defaultName = "",
  title,
  onCreated,
}: CreateKeyDialogProps) {
  const actionForm = useActionForm({
    schema: createKeySchema,
    defaultValues: { name: defaultName, scopes: [...DEFAULT_SCOPES], expires_in_days: defaultTtlDays },
    action: (values) => createKeyAction(ownerId, values),
    onSuccess: onCreated,
  });
  const { control } = actionForm.form;
  const scopes = ownerIsAdmin ? SCOPES : SCOPES.filter((scope) => scope !== "admin");
  // A configured default outside the usual choices (say 60) is still offered, and preselected.
  const expiryOptions = [...new Set<number>([...EXPIRY_CHOICES, defaultTtlDays])]
    .sort((a, b) => a - b)
    .map((days) => ({ value: String(days), label: `${days} days${days === defaultTtlDays ? " (default)" : ""}` }));
  if (allowNoExpiry) expiryOptions.push({ value: NO_EXPIRY, label: "No expiry" });

  return (
    <FormDialog
      actionForm={actionForm}
      onOpenChange={onOpenChange}
      name="create-key"
      title={title}
      description="The secret is shown once, right after the key is created."
      submitLabel="Create key"
    >
      <FormField control={control} name="name" label="Name">
        {(field) => (
          <Input {...field} autoComplete="off" maxLength={100} placeholder="e.g. CI deploy" value={field.value ?? ""} />
        )}
      </FormField>
      <FormField control={control} name="scopes" label="Scopes" as="group">
        {({ value = [], onChange, onBlur, ref }) =>
          scopes.map((scope, index) => (
            <Checkbox
              key={scope}
              ref={index === 0 ? ref : undefined}
              value={scope}
              label={<span className="font-mono">{scope}</span>}
              description={SCOPE_DESCRIPTIONS[scope]}
              checked={value.includes(scope)}
              onBlur={onBlur}
              onChange={(event) =>
                onChange(event.target.checked ? [...value, scope] : value.filter((held) => held !== scope))
              }
            />
          ))
        }
      </FormField>
      <FormField control={control} name="expires_in_days" label="Expires">
        {({ value, onChange, ...field }) => (
          <Select
            {...field}
            // The schema wants a number of days, or null for a key that never expires.
            value={value === null ? NO_EXPIRY : String(value ?? defaultTtlDays)}
            onChange={(next) => onChange(next === NO_EXPIRY ? null : Number(next))}
            options={expiryOptions}
          />
        )}
      </FormField>
    </FormDialog>
  );
}
