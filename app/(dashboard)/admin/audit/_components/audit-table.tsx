"use client";

import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableFilterSelect, DataTableSearch } from "@/components/data-table/data-table-toolbar";
import { EmptyState } from "@/components/ui/empty-state";
import type { AuditDto } from "@/lib/audit/list";
import { auditColumns } from "./audit-columns";

const rowId = (event: AuditDto) => event.id;

type AuditTableProps = {
  events: AuditDto[];
  total: number;
  page: number;
  perPage: number;
  /**
   * AUDIT_ACTIONS, handed down by the server page: the module that defines them also loads the
   * database client, which must never reach a client bundle.
   */
  actions: readonly string[];
};

/** Newest first; the actor, action and target filters live in the URL and run in the database. */
export function AuditTable({ events, total, page, perPage, actions }: AuditTableProps) {
  const actionOptions = useMemo(
    () => [{ value: "", label: "All actions" }, ...actions.map((action) => ({ value: action, label: action }))],
    [actions],
  );
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
          <DataTableFilterSelect param="action" label="Action" options={actionOptions} />
          <DataTableSearch param="target" label="Target" placeholder="Target id…" />
        </>
      }
      emptyState={<EmptyState title="No events yet" description="Sign-ins and every change to users and keys are recorded here." />}
    />
  );
}
