import {
  createColumnHelper,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnHelper,
  type RowData,
  type TableOptions,
} from "@tanstack/react-table";

/** Tailwind breakpoints: a lower-priority column shows from one of these widths up. */
export type Breakpoint = "sm" | "md" | "lg" | "xl" | "2xl";

/** Per-column extras read by DataTable; set them with `meta: { … }` in a column definition. */
export type DataTableColumnMeta = {
  /** Classes for the <th>, e.g. a width or `text-right`. */
  headerClassName?: string;
  /** Classes for every <td> of the column. */
  cellClassName?: string;
  /** Hidden below this width; the row's first cell should then fold in what matters of it. */
  visibleFrom?: Breakpoint;
};

/**
 * Declared once at module scope (TanStack v9 keys its caches on this object). No row
 * models are registered: the server pages, sorts and filters, the table only renders.
 */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;

/** What DataTable's `columns` prop accepts: the result of `helper.columns([...])`. */
export type DataTableColumns<TData extends RowData> = TableOptions<DataTableFeatures, TData>["columns"];

/**
 * The column helper for columns files:
 * `const column = createDataTableColumnHelper<KeyRow>(); export const keyColumns = column.columns([...])`.
 * Same as `createColumnHelper<DataTableFeatures, KeyRow>()`.
 */
export function createDataTableColumnHelper<TData extends RowData>(): ColumnHelper<DataTableFeatures, TData> {
  return createColumnHelper<DataTableFeatures, TData>();
}
