/** Joins class names, skipping falsy ones (no tailwind-merge: keep base classes and overrides from clashing). */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}
