"use client";

import { DataTable } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-toolbar";
import { EmptyState } from "@/components/ui/empty-state";
import type { AuditDto } from "@/lib/audit/list";
import { auditColumns } from "./audit-columns";
import { ActionFilter, TimeRangeFilter } from "./audit-filters";

const rowId = (event: AuditDto) => event.id;
const FILTER_PARAMS = ["actor", "action", "target", "from", "to"] as const;

type AuditTableProps = {
  events: AuditDto[];
  total: number;
  page: number;
  perPage: number;
};

/** Newest first; the actor, action, target and time filters live in the URL and run in the database. */
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
      filterParams={FILTER_PARAMS}
      toolbar={
        <>
          <DataTableSearch param="actor" label="Actor" placeholder="Actor email or user id…" />
          <ActionFilter />
          <DataTableSearch param="target" label="Target" placeholder="Target email or id…" />
          <TimeRangeFilter />
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
