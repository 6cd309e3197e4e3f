"use client";

import { useId } from "react";
import type { ReactTable, RowData } from "@tanstack/react-table";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { DataTableFeatures } from "./data-table-features";

type DataTablePaginationProps<TData extends RowData> = {
  table: ReactTable<DataTableFeatures, TData>;
  pageSizeOptions: readonly number[];
};

export function DataTablePagination<TData extends RowData>({
  table,
  pageSizeOptions,
}: DataTablePaginationProps<TData>) {
  const sizeId = useId();
  const { pageIndex, pageSize } = table.state.pagination;
  const total = table.getRowCount();
  const pageCount = Math.max(1, table.getPageCount());
  const from = total === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(total, (pageIndex + 1) * pageSize);
  // A page size typed into the URL still shows up as the selected option.
  const sizes = pageSizeOptions.includes(pageSize)
    ? pageSizeOptions
    : [...pageSizeOptions, pageSize].sort((a, b) => a - b);

  return (
    <nav aria-label="Pagination" className="flex flex-col gap-3 text-sm sm:flex-row sm:items-center sm:justify-between">
      <p className="text-muted-foreground" data-testid="pagination-summary">
        {total === 0 ? "No results" : `Showing ${from}–${to} of ${total}`}
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex items-center gap-2">
          <label htmlFor={sizeId} className="whitespace-nowrap text-muted-foreground">
            Rows per page
          </label>
          <Select
            id={sizeId}
            value={String(pageSize)}
            onChange={(next) => table.setPageSize(Number(next))}
            options={sizes.map((size) => ({ value: String(size), label: String(size) }))}
            className="w-20"
          />
        </div>
        <span className="whitespace-nowrap" aria-live="polite">
          Page {pageIndex + 1} of {pageCount}
        </span>
        <div className="flex items-center gap-1">
          <PageButton
            label="First page"
            onClick={() => table.firstPage()}
            disabled={!table.getCanPreviousPage()}
            path="M11 4L7 8l4 4M5 4v8"
          />
          <PageButton
            label="Previous page"
            onClick={() => table.previousPage()}
            disabled={!table.getCanPreviousPage()}
            path="M10 4L6 8l4 4"
          />
          <PageButton
            label="Next page"
            onClick={() => table.nextPage()}
            disabled={!table.getCanNextPage()}
            path="M6 4l4 4-4 4"
          />
          <PageButton
            label="Last page"
            onClick={() => table.lastPage()}
            disabled={!table.getCanNextPage()}
            path="M5 4l4 4-4 4M11 4v8"
          />
        </div>
      </div>
    </nav>
  );
}

function PageButton({
  label,
  onClick,
  disabled,
  path,
}: {
  label: string;
  onClick: () => void;
  disabled: boolean;
  path: string;
}) {
  return (
    <Button variant="secondary" size="icon" aria-label={label} title={label} onClick={onClick} disabled={disabled}>
      <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4">
        <path
          d={path}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
    </Button>
  );
}
