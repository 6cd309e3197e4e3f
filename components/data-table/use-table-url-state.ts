"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { createContext, use, useCallback, useEffect, useMemo, useOptimistic, useRef, useTransition } from "react";

export type ParamUpdates = Record<string, string | number | null | undefined>;

export type SetParams = (updates: ParamUpdates, options?: { resetPage?: boolean }) => void;

export type TableUrlState = {
  /** The URL's search params, including changes still being navigated to. */
  params: URLSearchParams;
  isPending: boolean;
  /** Merges updates into the URL (null/"" removes a param) with router.replace inside a transition. */
  setParams: SetParams;
};

/**
 * Table state (page, per_page, sort, q, filters) lives in the URL so it survives reloads,
 * can be shared, and reaches the server page as searchParams.
 */
export function useTableUrlState(): TableUrlState {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [isPending, startTransition] = useTransition();
  // Shows the new values at once while the server renders the page for them.
  const [optimisticQuery, setOptimisticQuery] = useOptimistic(searchParams.toString());

  // Updates can arrive while an earlier one is still in flight, or from a debounced callback
  // created several renders ago; both must build on the newest query, not on a render's snapshot.
  const committedQuery = useRef(searchParams.toString());
  const inFlightQuery = useRef<string | null>(null);
  useEffect(() => {
    committedQuery.current = searchParams.toString();
    if (!isPending) inFlightQuery.current = null;
  }, [searchParams, isPending]);

  const setParams = useCallback<SetParams>(
    (updates, { resetPage = false } = {}) => {
      const next = new URLSearchParams(inFlightQuery.current ?? committedQuery.current);
      for (const [key, value] of Object.entries(updates)) {
        if (value === null || value === undefined || value === "") next.delete(key);
        else next.set(key, String(value));
      }
      if (resetPage || next.get("page") === "1") next.delete("page");
      const query = next.toString();
      inFlightQuery.current = query;
      startTransition(() => {
        setOptimisticQuery(query);
        router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
      });
    },
    [router, pathname, setOptimisticQuery],
  );

  const params = useMemo(() => new URLSearchParams(optimisticQuery), [optimisticQuery]);
  return useMemo(() => ({ params, isPending, setParams }), [params, isPending, setParams]);
}

export const TableUrlStateContext = createContext<TableUrlState | null>(null);

/** For toolbar controls rendered inside a DataTable: they share its transition and pending indicator. */
export function useDataTableParams(): TableUrlState {
  const state = use(TableUrlStateContext);
  if (!state) throw new Error("useDataTableParams must be used inside a <DataTable>");
  return state;
}
