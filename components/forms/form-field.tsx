"use client";

import { useId, type ReactNode } from "react";
import {
  useController,
  type Control,
  type ControllerRenderProps,
  type FieldPath,
  type FieldValues,
} from "react-hook-form";
import { cn } from "@/components/ui/cn";
import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";

/** What a FormField hands its control: the field's value and handlers, its id and its error wiring. */
export type FieldControlProps<T extends FieldValues, N extends FieldPath<T>> = ControllerRenderProps<T, N> & {
  id: string;
  invalid: boolean;
  "aria-describedby": string;
};

type FormFieldProps<T extends FieldValues, N extends FieldPath<T>> = {
  control: Control<T, unknown, unknown>;
  name: N;
  label: ReactNode;
  /** Help text under the control, read with it by screen readers. */
  hint?: ReactNode;
  /** "group" draws a fieldset with a legend, for a set of checkboxes; the label then names the group. */
  as?: "field" | "group";
  /** Drop the value when the field unmounts, so a hidden optional field is never sent. */
  shouldUnregister?: boolean;
  className?: string;
  children: (control: FieldControlProps<T, N>) => ReactNode;
};

/**
 * One labelled form control with its hint and its error (client or server), wired with
 * aria-describedby and aria-invalid. `<FormField control={form.control} name="name" label="Name">
 * {(field) => <Input {...field} />}</FormField>`.
 */
export function FormField<T extends FieldValues, N extends FieldPath<T>>({
  control,
  name,
  label,
  hint,
  as = "field",
  shouldUnregister,
  className,
  children,
}: FormFieldProps<T, N>) {
  const id = useId();
  const { field, fieldState } = useController<T, N>({ control: control as Control<T>, name, shouldUnregister });
  // An array field (checkboxes) reports a whole-array problem on `root`.
  const error = fieldState.error?.message ?? fieldState.error?.root?.message;
  const describedBy = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  const rendered = children({ ...field, id, invalid: Boolean(error), "aria-describedby": describedBy });
  const footer = (
    <>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} errors={error} />
    </>
  );

  if (as === "group") {
    return (
      <fieldset
        className={cn("grid min-w-0 gap-2", className)}
        aria-describedby={describedBy}
        aria-invalid={Boolean(error) || undefined}
      >
        <legend className="mb-1 text-sm font-medium">{label}</legend>
        {rendered}
        {footer}
      </fieldset>
    );
  }
  return (
    <div className={cn("grid min-w-0 gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {rendered}
      {footer}
    </div>
  );
}
