import { Skeleton } from "@/components/ui/skeleton";

/** The page's four cards in outline while the providers, models and defaults load. */
export default function ModelsLoading() {
  return (
    <div className="grid gap-8" aria-busy="true">
      <p role="status" className="sr-only">
        Loading models…
      </p>
      <div className="grid gap-2">
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-4 w-full max-w-xl" />
      </div>
      {[3, 4, 6, 8].map((rows, card) => (
        <div key={card} className="grid gap-3 rounded-lg border bg-card p-5">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-4 w-full max-w-md" />
          {Array.from({ length: rows }, (_, row) => (
            <Skeleton key={row} className="h-8 w-full" />
          ))}
        </div>
      ))}
    </div>
  );
}
