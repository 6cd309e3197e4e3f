"use client";
import { Button } from "@/components/ui/button";

/** A page that failed to load says so and offers a retry; the details stay in the server log. */
export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="rounded-xl border border-danger/40 bg-danger/5 p-8 text-center" data-testid="page-error">
      <h1 className="text-lg font-semibold">Something went wrong loading this page</h1>
      <p className="mt-1 text-sm text-muted-foreground">Try again; if it keeps happening, check the server log.</p>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
