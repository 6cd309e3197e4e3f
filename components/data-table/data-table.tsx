"use client";

import { useMemo, useTransition, type ReactNode } from "react";
import { useTable, type PaginationState, type RowData, type Updater } from "@tanstack/react-table";
import { parseAsInteger, parseAsString } from "nuqs";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { dataTableFeatures, type Breakpoint, type DataTableColumns } from "./data-table-features";
import { DataTablePagination } from "./data-table-pagination";
import { DataTableSearch } from "./data-table-toolbar";
import { parseSort, serializeSort } from "./sort-param";
import { TableTransitionContext, useTableQuery } from "./table-query";

type DataTableProps<TData extends RowData> = {
  /** One page of rows, already filtered, sorted and paginated by the server. */
  data: TData[];
  columns: DataTableColumns<TData>;
  /** Row count over all pages, for the pagination. */
  total: number;
  page: number;
  perPage: number;
  /** Column ids the server can sort by; only these headers become sort buttons. */
  sortableColumns?: readonly string[];
  /** The sort the server applies when the URL has none, e.g. "-created_at", so aria-sort shows it. */
  defaultSort?: string;
  /** The params the toolbar's filters write, besides the built-in search's `q`, so "Clear filters" can clear them. */
  filterParams?: readonly string[];
  /** Filters, e.g. <DataTableFilterSelect param="status" …/>, and buttons such as "Create key". */
  toolbar?: ReactNode;
  /** Placeholder of the built-in `q` search; pass `false` to hide the search. */
  search?: string | false;
  pageSizeOptions?: readonly number[];
  /** Shown when there are no rows and no filter is set (with filters, a "no matches" state is shown). */
  emptyState?: ReactNode;
  /** Accessible name of the table, e.g. "API keys". */
  label: string;
  getRowId?: (row: TData, index: number) => string;
};

const NO_PARAMS: readonly string[] = [];
const DEFAULT_PAGE_SIZES: readonly number[] = [10, 20, 50, 100];

// Literal class names, so Tailwind sees them.
const visibleFromClasses: Record<Breakpoint, string> = {
  sm: "hidden sm:table-cell",
  md: "hidden md:table-cell",
  lg: "hidden lg:table-cell",
  xl: "hidden xl:table-cell",
  "2xl": "hidden 2xl:table-cell",
};

function resolve<T>(updater: Updater<T>, current: T): T {
  return updater instanceof Function ? updater(current) : updater;
}

export function DataTable<TData extends RowData>(props: DataTableProps<TData>) {
  const [isPending, startTransition] = useTransition();
  const transition = useMemo(() => ({ isPending, startTransition }), [isPending]);
  return (
    <TableTransitionContext value={transition}>
      <DataTableBody {...props} isPending={isPending} />
    </TableTransitionContext>
  );
}

function DataTableBody<TData extends RowData>({
  data,
  columns,
  total,
  page,
  perPage,
  sortableColumns = NO_PARAMS,
  defaultSort = "",
  filterParams = NO_PARAMS,
  toolbar,
  search = "Search…",
  pageSizeOptions = DEFAULT_PAGE_SIZES,
  emptyState,
  label,
  getRowId,
  isPending,
}: DataTableProps<TData> & { isPending: boolean }) {
  const filterKeys = useMemo(() => [...(search === false ? [] : ["q"]), ...filterParams], [search, filterParams]);
  const parsers = useMemo(
    () => ({
      page: parseAsInteger.withDefault(1),
      // No default: until someone picks a size, the server's default applies and the URL stays short.
      per_page: parseAsInteger,
      sort: parseAsString.withDefault(defaultSort),
      ...Object.fromEntries(filterKeys.map((key) => [key, parseAsString])),
    }),
    [defaultSort, filterKeys],
  );
  const [query, setQuery] = useTableQuery(parsers);

  const sorting = useMemo(() => parseSort(query.sort, sortableColumns), [query.sort, sortableColumns]);
  const pagination = useMemo<PaginationState>(() => ({ pageIndex: page - 1, pageSize: perPage }), [page, perPage]);

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    rowCount: total,
    // The server owns every processing step; the table only renders what it was given.
    manualPagination: true,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, pagination },
    onSortingChange: (updater) => {
      void setQuery({ sort: serializeSort(resolve(updater, sorting)), page: null });
    },
    onPaginationChange: (updater) => {
      const next = resolve(updater, pagination);
      const sizeChanged = next.pageSize !== pagination.pageSize;
      void setQuery(sizeChanged ? { page: null, per_page: next.pageSize } : { page: next.pageIndex + 1 });
    },
  });

  const rows = table.getRowModel().rows;
  const filters: Record<string, unknown> = query;
  const filtered = filterKeys.some((key) => filters[key]);

  return (
    <div className="grid min-w-0 gap-3">
      <div className="flex flex-wrap items-center gap-2">
        {search !== false && <DataTableSearch placeholder={search} />}
        {toolbar}
        <span
          role="status"
          className="ml-auto flex items-center text-muted-foreground"
          data-testid="data-table-pending"
        >
          {isPending && (
            <>
              <Spinner />
              <span className="sr-only">Loading…</span>
            </>
          )}
        </span>
      </div>

      {/* relative: the visually hidden "Actions" header must not escape the scroll box and widen the page. */}
      <div className="relative overflow-x-auto rounded-lg border bg-card">
        <table
          aria-label={label}
          aria-busy={isPending || undefined}
          className={cn("w-full text-sm transition-opacity", isPending && "opacity-60")}
        >
          <thead className="border-b bg-muted/50 text-left text-xs font-medium text-muted-foreground">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = sortableColumns.includes(header.column.id);
                  const meta = header.column.columnDef.meta;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      colSpan={header.colSpan > 1 ? header.colSpan : undefined}
                      // Per the ARIA practices, only the sorted column carries aria-sort.
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={cn(
                        "h-10 whitespace-nowrap px-3 font-medium",
                        meta?.visibleFrom && visibleFromClasses[meta.visibleFrom],
                        meta?.headerClassName,
                      )}
                    >
                      {header.isPlaceholder ? null : canSort ? (
                        <button
                          type="button"
                          onClick={() =>
                            table.setSorting([
                              {
                                id: header.column.id,
                                desc: sorted ? sorted === "asc" : Boolean(header.column.columnDef.sortDescFirst),
                              },
                            ])
                          }
                          className="-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
                        >
                          <table.FlexRender header={header} />
                          <SortIcon direction={sorted} />
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={table.getAllLeafColumns().length}>
                  {filtered ? (
                    <EmptyState
                      title="No matching results"
                      description="Nothing matches the current search and filters."
                      action={
                        <Button
                          variant="secondary"
                          onClick={() =>
                            void setQuery({ ...Object.fromEntries(filterKeys.map((key) => [key, null])), page: null })
                          }
                        >
                          Clear filters
                        </Button>
                      }
                    />
                  ) : (
                    (emptyState ?? <EmptyState title="Nothing here yet" />)
                  )}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id} className="border-b last:border-b-0 hover:bg-muted/40">
                  {row.getAllCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    return (
                      <td
                        key={cell.id}
                        className={cn(
                          "px-3 py-2.5 align-middle",
                          meta?.visibleFrom && visibleFromClasses[meta.visibleFrom],
                          meta?.cellClassName,
                        )}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>

      <DataTablePagination table={table} pageSizeOptions={pageSizeOptions} />
    </div>
  );
}

function SortIcon({ direction }: { direction: false | "asc" | "desc" }) {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className={cn("size-3.5", !direction && "opacity-40")}>
      {direction !== "desc" && (
        <path d="M5 6.5L8 3.5l3 3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      )}
      {direction !== "asc" && (
        <path d="M5 9.5l3 3 3-3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      )}
    </svg>
  );
}
