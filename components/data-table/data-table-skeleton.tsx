import { Skeleton } from "@/components/ui/skeleton";

type DataTableSkeletonProps = {
  /** Tailwind widths of the header and cell bars, one per column, e.g. ["w-48", "w-24"]. */
  columns: readonly string[];
  rows?: number;
  /** How many filter controls sit in the toolbar after the search field. */
  filters?: number;
  /** Whether the toolbar ends with a button such as "Create user". */
  action?: boolean;
  /** Announced to screen readers while the table loads, e.g. "Loading API keys…". */
  label: string;
};

/** A DataTable's shape for loading.tsx files, so nothing jumps when the page arrives. */
export function DataTableSkeleton({ columns, rows = 6, filters = 1, action = true, label }: DataTableSkeletonProps) {
  return (
    <div className="grid gap-3" aria-busy="true">
      <p role="status" className="sr-only">
        {label}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Skeleton className="h-9 w-full sm:w-64" />
        {Array.from({ length: filters }, (_, index) => (
          <Skeleton key={index} className="h-9 w-full sm:w-44" />
        ))}
        {action && <Skeleton className="ml-auto h-9 w-28" />}
      </div>
      <div className="overflow-hidden rounded-lg border bg-card">
        <div className="flex gap-6 overflow-hidden border-b bg-muted/50 px-3 py-3">
          {columns.map((width, index) => (
            <Skeleton key={index} className={`h-3 ${width}`} />
          ))}
        </div>
        {Array.from({ length: rows }, (_, row) => (
          <div key={row} className="flex gap-6 overflow-hidden border-b px-3 py-4 last:border-b-0">
            {columns.map((width, index) => (
              <Skeleton key={index} className={`h-4 ${width}`} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
