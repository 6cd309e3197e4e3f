import type { Metadata } from "next";
import { Suspense } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { KeysPanel } from "@/components/keys/keys-panel";
import { PageHeader } from "@/components/page-header";
import { sessionCaller, type CallerUser } from "@/lib/auth/caller";
import { requireUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { listKeys } from "@/lib/keys/list";
import { keysQueryFromSearchParams } from "@/lib/keys/list-query-params";
import type { ListKeysQuery } from "@/lib/keys/schemas";

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
        <KeysList user={user} query={query} />
      </Suspense>
    </div>
  );
}

async function KeysList({ user, query }: { user: CallerUser; query: ListKeysQuery }) {
  // The same service the REST API's GET /keys uses, so search, filter and sort cannot drift.
  const result = await listKeys(sessionCaller(user), user.id, query);
  const { KEY_ALLOW_NO_EXPIRY, KEY_DEFAULT_TTL_DAYS } = config();
  return (
    <KeysPanel
      ownerId={user.id}
      ownerIsAdmin={user.role === "ADMIN"}
      keys={result.items}
      total={result.total}
      page={result.page}
      perPage={result.per_page}
      allowNoExpiry={KEY_ALLOW_NO_EXPIRY}
      defaultTtlDays={KEY_DEFAULT_TTL_DAYS}
    />
  );
}
