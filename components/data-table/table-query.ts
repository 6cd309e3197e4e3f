"use client";

import { createContext, use, type TransitionStartFunction } from "react";
import { useQueryStates, type UseQueryStatesKeysMap } from "nuqs";

/**
 * Table state lives in the URL (tablecn's use-data-table): every change is a history entry, so
 * Back returns to the previous page, filter or sort; `shallow: false` asks the server page for
 * the rows; a value equal to its default leaves the URL.
 */
export const TABLE_QUERY_OPTIONS = { history: "push", shallow: false, scroll: false, clearOnDefault: true } as const;

type TableTransition = { isPending: boolean; startTransition: TransitionStartFunction };

export const TableTransitionContext = createContext<TableTransition | null>(null);

/** useQueryStates for a DataTable and its toolbar: they share one transition, so one pending indicator. */
export function useTableQuery<KeyMap extends UseQueryStatesKeysMap>(
  parsers: KeyMap,
  /** Maps a state key to the URL param it is stored under, e.g. `{ value: "actor" }`. */
  urlKeys?: Partial<Record<keyof KeyMap, string>>,
) {
  const transition = use(TableTransitionContext);
  if (!transition) throw new Error("useTableQuery must be used inside a <DataTable>");
  return useQueryStates(parsers, { ...TABLE_QUERY_OPTIONS, startTransition: transition.startTransition, urlKeys });
}
