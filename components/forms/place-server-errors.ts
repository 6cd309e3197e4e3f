import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

/**
 * Puts a server action's field errors back on the form's fields (STYLE §9), focusing the first.
 * A nested path ("scopes.0") belongs to its top-level field. Messages for fields the form does
 * not have come back as `unplaced`, so the caller can show them in its banner.
 */
export function placeServerErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fields: Record<string, string[]> | undefined,
  formFields: readonly Path<T>[],
): { placed: boolean; unplaced: string[] } {
  let placed = false;
  const unplaced: string[] = [];
  for (const [path, messages] of Object.entries(fields ?? {})) {
    const field = formFields.find((name) => name === path.split(".")[0]);
    if (!field) {
      unplaced.push(...messages);
      continue;
    }
    setError(field, { type: "server", message: messages.join(" ") }, { shouldFocus: !placed });
    placed = true;
  }
  return { placed, unplaced };
}
