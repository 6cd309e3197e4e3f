"use client";

import { useId, useState, type useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { placeServerErrors } from "@/components/forms/place-server-errors";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { DialogFooter } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { DEFAULT_SCOPES, SCOPES, type Scope } from "@/lib/auth/caller";
import { createKeyAction } from "@/lib/keys/actions";
import { createKeySchema, EXPIRY_CHOICES } from "@/lib/keys/schemas";
import { safeAction } from "./safe-action";

export type CreatedKeyResult = Extract<Awaited<ReturnType<typeof createKeyAction>>, { ok: true }>["data"];
type FormInput = z.input<typeof createKeySchema>;
type FormOutput = z.output<typeof createKeySchema>;

const FORM_FIELDS = ["name", "scopes", "expires_in_days"] as const;
const NO_EXPIRY = "none";

const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  "keys:read": "List and read API keys",
  "keys:write": "Create, change, revoke and delete API keys",
  "models:read": "Read model providers and default models",
  "models:write": "Add and remove providers, set default models",
  admin: "Manage users and everyone's keys",
};

type CreateKeyFormProps = {
  ownerId: string;
  ownerIsAdmin: boolean;
  allowNoExpiry: boolean;
  defaultTtlDays: number;
  defaultName?: string;
  pending: boolean;
  startTransition: ReturnType<typeof useTransition>[1];
  onCancel: () => void;
  onCreated: (created: CreatedKeyResult) => void;
};

/** Mounted only while its dialog is open, so each opening starts from the defaults. */
export function CreateKeyForm(props: CreateKeyFormProps) {
  const { ownerId, ownerIsAdmin, allowNoExpiry, defaultTtlDays, defaultName = "", pending, startTransition } = props;
  const id = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormInput, unknown, FormOutput>({
    // The very schema createKeyAction parses again on the server.
    resolver: zodResolver(createKeySchema),
    defaultValues: { name: defaultName, scopes: [...DEFAULT_SCOPES], expires_in_days: defaultTtlDays },
  });
  const { errors } = form.formState;
  const scopes = ownerIsAdmin ? SCOPES : SCOPES.filter((scope) => scope !== "admin");
  // A configured default outside the usual choices (say 60) is still offered, and preselected.
  const expiryDays = [...new Set<number>([...EXPIRY_CHOICES, defaultTtlDays])].sort((a, b) => a - b);

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await safeAction(createKeyAction(ownerId, values));
      if (result.ok) return props.onCreated(result.data);
      // Anything the form has no field for goes to the banner.
      const { placed, unplaced } = placeServerErrors(form.setError, result.fields, FORM_FIELDS);
      if (unplaced.length > 0) setFormError(unplaced.join(" "));
      else if (!placed) setFormError(result.error);
    });
  });

  const scopesError = errors.scopes?.message ?? errors.scopes?.root?.message;
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5" aria-busy={pending || undefined}>
      <FormError message={formError} testId="create-key-error" />
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-name`}>Name</Label>
        <Input
          id={`${id}-name`}
          autoComplete="off"
          maxLength={100}
          placeholder="e.g. CI deploy"
          invalid={Boolean(errors.name)}
          aria-describedby={`${id}-name-error`}
          {...form.register("name")}
        />
        <FieldError id={`${id}-name-error`} errors={errors.name?.message} />
      </div>

      <fieldset
        className="grid gap-2"
        aria-describedby={`${id}-scopes-error`}
        aria-invalid={Boolean(scopesError) || undefined}
      >
        <legend className="mb-1 text-sm font-medium">Scopes</legend>
        {scopes.map((scope) => (
          <Checkbox
            key={scope}
            value={scope}
            label={<span className="font-mono">{scope}</span>}
            description={SCOPE_DESCRIPTIONS[scope]}
            {...form.register("scopes")}
          />
        ))}
        <FieldError id={`${id}-scopes-error`} errors={scopesError} />
      </fieldset>

      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-expiry`}>Expires</Label>
        <Select
          id={`${id}-expiry`}
          invalid={Boolean(errors.expires_in_days)}
          aria-describedby={`${id}-expiry-error`}
          {...form.register("expires_in_days", {
            // The schema wants a number of days, or null for a key that never expires.
            setValueAs: (value: unknown) => (value === NO_EXPIRY || value === null ? null : Number(value)),
          })}
        >
          {expiryDays.map((days) => (
            <option key={days} value={days}>
              {days} days{days === defaultTtlDays ? " (default)" : ""}
            </option>
          ))}
          {allowNoExpiry && <option value={NO_EXPIRY}>No expiry</option>}
        </Select>
        <FieldError id={`${id}-expiry-error`} errors={errors.expires_in_days?.message} />
      </div>

      <DialogFooter>
        <Button variant="secondary" disabled={pending} onClick={props.onCancel}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          Create key
        </Button>
      </DialogFooter>
    </form>
  );
}
