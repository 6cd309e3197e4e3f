"use client";

import type { ReactNode } from "react";
import type { FieldValues } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import type { ActionForm } from "./use-action-form";

type FormDialogProps<TInput extends FieldValues, TOutput> = {
  /** From useActionForm: its submit, pending state and banner. */
  actionForm: ActionForm<TInput, TOutput>;
  /** Mount the dialog only while it is open, so each opening starts from the defaults. */
  onOpenChange: (open: boolean) => void;
  /** Names the test ids: `${name}-dialog` and `${name}-error`. */
  name: string;
  title: ReactNode;
  description?: ReactNode;
  submitLabel: string;
  destructive?: boolean;
  size?: "sm" | "md" | "lg";
  children: ReactNode;
};

/**
 * A dialog holding one form: the banner, the fields, Cancel and the submit button. It refuses
 * to close while the request runs, so its outcome is never lost.
 */
export function FormDialog<TInput extends FieldValues, TOutput>({
  actionForm,
  onOpenChange,
  name,
  title,
  description,
  submitLabel,
  destructive = false,
  size = "md",
  children,
}: FormDialogProps<TInput, TOutput>) {
  const { onSubmit, pending, formError } = actionForm;
  return (
    <Dialog
      open
      onOpenChange={onOpenChange}
      busy={pending}
      title={title}
      description={description}
      size={size}
      data-testid={`${name}-dialog`}
    >
      <form onSubmit={onSubmit} noValidate className="grid min-w-0 gap-4" aria-busy={pending || undefined}>
        <FormError message={formError} testId={`${name}-error`} />
        {children}
        <DialogFooter>
          <Button variant="secondary" disabled={pending} onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" variant={destructive ? "danger" : "primary"} pending={pending}>
            {submitLabel}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
