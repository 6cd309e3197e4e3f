"use client";

import type { Control } from "react-hook-form";
import { FormField } from "@/components/forms/form-field";
import { cn } from "@/components/ui/cn";
import { Input, controlClasses } from "@/components/ui/input";
import type { FactoryChoice } from "./add-provider-form";
import type { ProviderFormValues } from "./provider-payload";

type CredentialInputsProps = {
  factory: FactoryChoice;
  control: Control<ProviderFormValues, unknown, unknown>;
  pending: boolean;
};

/** One input per credential field of the factory, as GET /models/factories lists them. Secrets are password inputs. */
export function CredentialInputs({ factory, control, pending }: CredentialInputsProps) {
  return (
    <div className="grid gap-5" data-testid="credential-fields">
      {factory.credential_fields.map((credential) => (
        <FormField
          key={credential.name}
          control={control}
          name={`credentials.${credential.name}`}
          label={`${credential.label}${credential.required ? "" : " (optional)"}`}
        >
          {/* Uncontrolled: React mirrors a controlled input's value into its value attribute, which
              would put the secret in the page's HTML. The inputs remount with each factory. */}
          {({ invalid, value: _value, ...field }) => {
            const common = {
              ...field,
              autoComplete: "off",
              spellCheck: false,
              readOnly: pending,
              placeholder: credential.placeholder ?? undefined,
            };
            return credential.multiline ? (
              <textarea
                {...common}
                aria-invalid={invalid || undefined}
                rows={5}
                className={cn(controlClasses, "h-auto py-2 font-mono text-xs")}
              />
            ) : (
              <Input {...common} invalid={invalid} type={credential.secret ? "password" : "text"} />
            );
          }}
        </FormField>
      ))}
    </div>
  );
}
