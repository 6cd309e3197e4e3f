import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { PageHeader } from "@/components/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { sessionCaller } from "@/lib/auth/caller";
import { requireAdmin } from "@/lib/auth/session";
import { OverviewContent } from "./_components/overview-content";

export const metadata: Metadata = { title: "Overview" };

/**
 * The admin's landing page: what is used, what is idle, what will expire, and what breaks the
 * policy. Who may see it (403) is decided before the Suspense boundary, so the status is true;
 * the numbers stream in behind a skeleton.
 */
export default async function AdminOverviewPage() {
  const caller = sessionCaller(await requireAdmin());
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Overview"
        description={
          <>
            Every user&apos;s keys at a glance. Warnings follow the{" "}
            <Link href="/admin/settings" className="rounded text-primary underline underline-offset-2">
              key policies
            </Link>
            .
          </>
        }
      />
      <Suspense fallback={<OverviewSkeleton />}>
        <OverviewContent caller={caller} />
      </Suspense>
    </div>
  );
}

function OverviewSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true">
      <p role="status" className="sr-only">
        Loading the overview…
      </p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} className="h-20" />
        ))}
      </div>
      <Skeleton className="h-72 w-full" />
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-48" />
        <Skeleton className="h-48" />
      </div>
    </div>
  );
}
