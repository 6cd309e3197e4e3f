import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

const COLUMNS = ["w-32", "w-40", "w-24", "w-40", "w-20", "w-64"];

export default function AuditLoading() {
  return (
    <div className="grid gap-6" aria-busy="true">
      <p role="status" className="sr-only">
        Loading the audit log…
      </p>
      <div className="grid gap-2">
        <Skeleton className="h-8 w-36" />
        <Skeleton className="h-4 w-full max-w-xl" />
      </div>
      <DataTableSkeleton columns={COLUMNS} filters={2} action={false} />
    </div>
  );
}
