"use client";
import { PageError } from "@/components/page-error";

/** Errors above the dashboard's own boundary: its layout (the session check) and the login page. */
export default function RootError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl p-8">
      <PageError reset={reset} />
    </main>
  );
}
