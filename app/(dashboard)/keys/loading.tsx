import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

// Name, key, scopes, status, created, expires, last used, created by.
const COLUMNS = ["w-32", "w-28", "w-40", "w-16", "w-24", "w-24", "w-24", "w-32"];

/** The keys page's shape while it loads, so nothing jumps when it arrives. */
export default function KeysLoading() {
  return (
    <div className="grid gap-6" aria-busy="true">
      <p role="status" className="sr-only">
        Loading API keys…
      </p>
      <div className="grid gap-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-full max-w-xl" />
      </div>
      <DataTableSkeleton columns={COLUMNS} />
    </div>
  );
}
