import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

const COLUMNS = ["w-48", "w-28", "w-14", "w-16", "w-10", "w-24", "w-32", "w-8"];

export default function UsersLoading() {
  return (
    <div className="grid gap-6" aria-busy="true">
      <p role="status" className="sr-only">
        Loading users…
      </p>
      <div className="grid gap-2">
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-4 w-full max-w-xl" />
      </div>
      <DataTableSkeleton columns={COLUMNS} filters={2} />
    </div>
  );
}
