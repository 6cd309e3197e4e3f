import type { ComponentProps } from "react";
import { cn } from "./cn";
import { controlClasses } from "./input";

type SelectProps = ComponentProps<"select"> & {
  invalid?: boolean;
  /** Classes for the wrapper (width, margins); `className` goes to the <select> itself. */
  wrapperClassName?: string;
};

/** A native <select>: keyboard, mobile pickers and form submission work without extra code. */
export function Select({ className, wrapperClassName, invalid, children, ...props }: SelectProps) {
  return (
    <div className={cn("relative", wrapperClassName)}>
      <select
        aria-invalid={invalid || undefined}
        className={cn(controlClasses, "appearance-none pr-8", className)}
        {...props}
      >
        {children}
      </select>
      <svg
        viewBox="0 0 16 16"
        aria-hidden="true"
        className="pointer-events-none absolute right-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground"
      >
        <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
    </div>
  );
}
