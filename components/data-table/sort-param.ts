import type { SortingState } from "@tanstack/react-table";

// Plain functions with a type-only import, so a server page can use them too.

/** "-created_at" -> [{ id: "created_at", desc: true }]; ids outside `sortable` are ignored. */
export function parseSort(value: string | null | undefined, sortable: readonly string[]): SortingState {
  if (!value) return [];
  const desc = value.startsWith("-");
  const id = desc ? value.slice(1) : value;
  return sortable.includes(id) ? [{ id, desc }] : [];
}

/** The inverse of parseSort; null for no sorting. */
export function serializeSort(sorting: SortingState): string | null {
  const first = sorting[0];
  return first ? `${first.desc ? "-" : ""}${first.id}` : null;
}
