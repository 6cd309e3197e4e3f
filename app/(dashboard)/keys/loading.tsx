import { Skeleton } from "@/components/ui/skeleton";

const ROWS = 6;
const COLUMNS = ["w-32", "w-28", "w-40", "w-16", "w-24", "w-24", "w-24", "w-32"];

/** The keys table's shape while the page loads, so nothing jumps when it arrives. */
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
      <div className="grid gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <Skeleton className="h-9 w-full sm:w-64" />
          <Skeleton className="h-9 w-full sm:w-44" />
          <Skeleton className="ml-auto h-9 w-28" />
        </div>
        <div className="overflow-hidden rounded-lg border bg-card">
          <div className="flex gap-6 border-b bg-muted/50 px-3 py-3">
            {COLUMNS.map((width, index) => (
              <Skeleton key={index} className={`h-3 ${width}`} />
            ))}
          </div>
          {Array.from({ length: ROWS }, (_, row) => (
            <div key={row} className="flex gap-6 border-b px-3 py-4 last:border-b-0">
              {COLUMNS.map((width, index) => (
                <Skeleton key={index} className={`h-4 ${width}`} />
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
