import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Shared by Input and Select so every form control looks and focuses alike. */
export const controlClasses =
  "h-9 w-full rounded-md border border-input bg-background px-3 text-sm text-foreground shadow-xs " +
  "placeholder:text-muted-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring " +
  "disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-danger aria-invalid:focus-visible:outline-danger";

type InputProps = ComponentProps<"input"> & {
  /** Sets aria-invalid; pair it with a FieldError referenced by aria-describedby. */
  invalid?: boolean;
};

export function Input({ className, invalid, ...props }: InputProps) {
  return <input aria-invalid={invalid || undefined} className={cn(controlClasses, className)} {...props} />;
}
