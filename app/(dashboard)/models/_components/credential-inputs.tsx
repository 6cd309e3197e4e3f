"use client";

import { useId } from "react";
import type { UseFormReturn } from "react-hook-form";
import { FieldError } from "@/components/ui/field-error";
import { Input, controlClasses } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/components/ui/cn";
import type { FactoryChoice } from "./add-provider-form";
import type { ProviderFormValues } from "./provider-payload";

type CredentialInputsProps = {
  factory: FactoryChoice;
  form: UseFormReturn<ProviderFormValues>;
  pending: boolean;
};

/** One input per credential field of the factory, as GET /models/factories lists them. Secrets are password inputs. */
export function CredentialInputs({ factory, form, pending }: CredentialInputsProps) {
  const id = useId();
  const errors = form.formState.errors.credentials;
  return (
    <div className="grid gap-5" data-testid="credential-fields">
      {factory.credential_fields.map((field) => {
        const inputId = `${id}-${field.name}`;
        const error = errors?.[field.name]?.message;
        const common = {
          id: inputId,
          autoComplete: "off",
          spellCheck: false,
          readOnly: pending,
          placeholder: field.placeholder ?? undefined,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": `${inputId}-error`,
          ...form.register(`credentials.${field.name}`),
        } as const;
        return (
          <div key={field.name} className="grid gap-1.5">
            <Label htmlFor={inputId}>
              {field.label}
              {field.required ? "" : " (optional)"}
            </Label>
            {field.multiline ? (
              <textarea {...common} rows={5} className={cn(controlClasses, "h-auto py-2 font-mono text-xs")} />
            ) : (
              <Input {...common} type={field.secret ? "password" : "text"} invalid={Boolean(error)} />
            )}
            <FieldError id={`${inputId}-error`} errors={error} />
          </div>
        );
      })}
    </div>
  );
}
