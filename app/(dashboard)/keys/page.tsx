import type { Metadata } from "next";
import { Suspense } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { OwnerKeys } from "@/components/keys/owner-keys";
import { PageHeader } from "@/components/page-header";
import { sessionCaller } from "@/lib/auth/caller";
import { requireUser } from "@/lib/auth/session";
import { keysQueryFromSearchParams } from "@/lib/keys/list-query-params";

export const metadata: Metadata = { title: "API keys" };

// Name, key, status, expires: the columns a phone-sized skeleton still has room for.
const KEY_SKELETON_COLUMNS = ["w-32", "w-28", "w-16", "w-24"];

/**
 * Who may see the page is decided before the first Suspense boundary, so a refusal is a real
 * HTTP status; the rows stream in behind a skeleton.
 */
export default async function KeysPage({ searchParams }: PageProps<"/keys">) {
  const user = await requireUser();
  const query = keysQueryFromSearchParams(await searchParams);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="API keys"
        description="Keys let programs call Keydesk's API as you. A key's secret is shown once, when it is created or rolled; store it safely, and revoke any key you no longer use."
      />
      <Suspense fallback={<DataTableSkeleton columns={KEY_SKELETON_COLUMNS} label="Loading API keys…" />}>
        <OwnerKeys caller={sessionCaller(user)} owner={user} query={query} />
      </Suspense>
    </div>
  );
}
