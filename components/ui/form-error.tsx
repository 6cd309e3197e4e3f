type FormErrorProps = {
  /** Nothing renders when empty. */
  message: string | null | undefined;
  testId: string;
};

/** A form's error that belongs to no single field (a refused request, a conflict), announced as it appears. */
export function FormError({ message, testId }: FormErrorProps) {
  if (!message) return null;
  return (
    <p
      data-testid={testId}
      role="alert"
      className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger"
    >
      {message}
    </p>
  );
}
