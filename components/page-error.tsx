"use client";
// The error page of every route. In production Next hides a server error's details from the
// browser, so the page asks the server whether the database is reachable and, if not, says that
// (SPEC §8: a "database unavailable" page with a retry) instead of the generic text.
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { databaseIsReachable } from "@/lib/health/actions";

export function PageError({ reset }: { reset: () => void }) {
  const router = useRouter();
  const [databaseDown, setDatabaseDown] = useState(false);
  const [retrying, startRetry] = useTransition();

  useEffect(() => {
    databaseIsReachable().then(
      (reachable) => setDatabaseDown(!reachable),
      () => setDatabaseDown(false),
    );
  }, []);

  // reset() alone re-renders what the browser has; refresh() fetches the page from the server again.
  const retry = () =>
    startRetry(() => {
      router.refresh();
      reset();
    });

  return (
    <div
      className="rounded-xl border border-danger/40 bg-danger/5 p-8 text-center"
      data-testid={databaseDown ? "database-unavailable" : "page-error"}
    >
      <h1 className="text-lg font-semibold">
        {databaseDown ? "The database is unavailable" : "Something went wrong loading this page"}
      </h1>
      <p className="mt-1 text-sm text-muted-foreground">
        {databaseDown
          ? "Keydesk cannot reach PostgreSQL right now. Nothing you saved is lost; try again in a few seconds."
          : "Try again; if it keeps happening, check the server log."}
      </p>
      <Button className="mt-4" onClick={retry} disabled={retrying}>
        Try again
      </Button>
    </div>
  );
}
