"use client";

import { DataTable } from "@/components/data-table/data-table";
import { DataTableFilterSelect, DataTableSearch } from "@/components/data-table/data-table-toolbar";
import { EmptyState } from "@/components/ui/empty-state";
import type { AuditDto } from "@/lib/audit/list";
import { AUDIT_ACTIONS } from "@/lib/audit/schemas";
import { auditColumns } from "./audit-columns";

const rowId = (event: AuditDto) => event.id;

type AuditTableProps = {
  events: AuditDto[];
  total: number;
  page: number;
  perPage: number;
};

const ACTION_OPTIONS = [
  { value: "", label: "All actions" },
  ...AUDIT_ACTIONS.map((action) => ({ value: action, label: action })),
];

/** Newest first; the actor, action and target filters live in the URL and run in the database. */
export function AuditTable({ events, total, page, perPage }: AuditTableProps) {
  return (
    <DataTable
      label="Audit log"
      data={events}
      columns={auditColumns}
      getRowId={rowId}
      total={total}
      page={page}
      perPage={perPage}
      search={false}
      toolbar={
        <>
          <DataTableSearch param="actor" label="Actor" placeholder="Actor email or user id…" />
          <DataTableFilterSelect param="action" label="Action" options={ACTION_OPTIONS} />
          <DataTableSearch param="target" label="Target" placeholder="Target id…" />
        </>
      }
      emptyState={
        <EmptyState
          title="No events yet"
          description="Sign-ins and every change to users and keys are recorded here."
        />
      }
    />
  );
}
