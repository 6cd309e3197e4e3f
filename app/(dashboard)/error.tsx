"use client";
import { PageError } from "@/components/page-error";

/** A page that failed to load says so and offers a retry; the details stay in the server log. */
export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError reset={reset} />;
}
