import { useId, type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";

type CheckboxProps = Omit<ComponentProps<"input">, "type"> & {
  /** When given, the box and its text are wrapped in one label, so the text is the click target too. */
  label?: ReactNode;
  description?: ReactNode;
};

export function Checkbox({ className, label, description, id, ...props }: CheckboxProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const box = (
    <input
      type="checkbox"
      id={inputId}
      className={cn(
        "size-4 shrink-0 rounded border-input accent-primary focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:cursor-not-allowed disabled:opacity-50",
        !label && className,
      )}
      aria-describedby={description ? `${inputId}-description` : undefined}
      {...props}
    />
  );
  if (!label) return box;
  return (
    <div className={cn("flex items-start gap-2", className)}>
      <span className="flex h-5 items-center">{box}</span>
      <span className="grid gap-0.5">
        <label htmlFor={inputId} className="text-sm font-medium leading-5 text-foreground">
          {label}
        </label>
        {description && (
          <span id={`${inputId}-description`} className="text-xs text-muted-foreground">
            {description}
          </span>
        )}
      </span>
    </div>
  );
}
