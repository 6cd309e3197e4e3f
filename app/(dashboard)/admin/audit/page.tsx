import type { Metadata } from "next";
import { listAudit } from "@/lib/audit/list";
import { listAuditQuerySchema } from "@/lib/audit/schemas";
import { queryFromSearchParams } from "@/lib/api/query-from-search-params";
import { sessionCaller } from "@/lib/auth/caller";
import { requireAdmin } from "@/lib/auth/session";
import { AuditTable } from "./_components/audit-table";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: PageProps<"/admin/audit">) {
  const admin = await requireAdmin();
  // The schema of GET /admin/audit, so the page and the API filter alike.
  const query = queryFromSearchParams(listAuditQuerySchema, await searchParams);
  const result = await listAudit(sessionCaller(admin), query);

  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="text-sm text-muted-foreground">
          Who did what, and when: sign-ins and every change to users, keys and model settings. Events never contain a
          secret or a password.
        </p>
      </header>
      <AuditTable events={result.items} total={result.total} page={result.page} perPage={result.per_page} />
    </div>
  );
}
