import type { Metadata } from "next";
import { Suspense } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { PageHeader } from "@/components/page-header";
import { listAudit } from "@/lib/audit/list";
import { listAuditQuerySchema, type ListAuditQuery } from "@/lib/audit/schemas";
import { queryFromSearchParams } from "@/lib/api/query-from-search-params";
import { sessionCaller, type CallerUser } from "@/lib/auth/caller";
import { requireAdmin } from "@/lib/auth/session";
import { AuditTable } from "./_components/audit-table";

export const metadata: Metadata = { title: "Audit log" };

const SKELETON_COLUMNS = ["w-36", "w-72", "w-48"];

export default async function AuditPage({ searchParams }: PageProps<"/admin/audit">) {
  const admin = await requireAdmin();
  // The schema of GET /admin/audit, so the page and the API filter alike.
  const query = queryFromSearchParams(listAuditQuerySchema, await searchParams);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Audit log"
        description="Who did what, and when: sign-ins and every change to users, keys and model settings. Events never contain a secret or a password."
      />
      <Suspense
        fallback={
          <DataTableSkeleton columns={SKELETON_COLUMNS} filters={3} action={false} label="Loading the audit log…" />
        }
      >
        <AuditList admin={admin} query={query} />
      </Suspense>
    </div>
  );
}

async function AuditList({ admin, query }: { admin: CallerUser; query: ListAuditQuery }) {
  const result = await listAudit(sessionCaller(admin), query);
  return <AuditTable events={result.items} total={result.total} page={result.page} perPage={result.per_page} />;
}
