import { cn } from "./cn";

type FieldErrorProps = {
  /** Put the same id in the control's aria-describedby so screen readers read the error with the field. */
  id: string;
  /** Messages as returned by zod's flattenError or react-hook-form; nothing renders when empty. */
  errors?: string | readonly string[] | null;
  className?: string;
};

export function FieldError({ id, errors, className }: FieldErrorProps) {
  const messages = typeof errors === "string" ? [errors] : (errors ?? []);
  if (messages.length === 0) return null;
  return (
    <p id={id} className={cn("text-xs text-danger", className)}>
      {messages.join(" ")}
    </p>
  );
}
