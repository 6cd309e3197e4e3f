"use client";

import { DataTable } from "@/components/data-table/data-table";
import { DataTableFilterSelect } from "@/components/data-table/data-table-toolbar";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { KeyDto } from "@/lib/keys/dto";
import { KEY_SORTABLE_COLUMNS, keyColumns } from "./key-columns";

const STATUS_OPTIONS = [
  { value: "all", label: "All statuses" },
  { value: "active", label: "Active" },
  { value: "revoked", label: "Revoked" },
  { value: "expired", label: "Expired" },
] as const;

const FILTER_PARAMS = ["status"] as const;
const rowId = (key: KeyDto) => key.id;

type KeysTableProps = {
  keys: KeyDto[];
  total: number;
  page: number;
  perPage: number;
  /** Opens the create dialog; offered in the toolbar and in the empty state. Without it, neither shows. */
  onCreate?: () => void;
  createLabel: string;
  emptyActionLabel: string;
};

/** One page of keys; search, status, sort and paging live in the URL and run in the database. */
export function KeysTable({ keys, total, page, perPage, onCreate, createLabel, emptyActionLabel }: KeysTableProps) {
  return (
    <DataTable
      label="API keys"
      data={keys}
      columns={keyColumns}
      getRowId={rowId}
      total={total}
      page={page}
      perPage={perPage}
      sortableColumns={KEY_SORTABLE_COLUMNS}
      defaultSort="-created_at"
      search="Search name, alias or key start…"
      filterParams={FILTER_PARAMS}
      toolbar={
        <>
          {/* "all" is the server's default, so picking it removes the param instead of writing it. */}
          <DataTableFilterSelect param="status" label="Status" options={STATUS_OPTIONS} defaultValue="all" />
          {/* order-last puts it after the table's pending indicator, at the right end of the row. */}
          {onCreate && (
            <Button onClick={onCreate} className="order-last">
              {createLabel}
            </Button>
          )}
        </>
      }
      emptyState={
        <EmptyState
          title="No API keys yet"
          description="A key lets a program call Keydesk. Its secret is shown once, right after the key is made."
          action={
            onCreate && (
              <Button variant="secondary" onClick={onCreate}>
                {emptyActionLabel}
              </Button>
            )
          }
        />
      }
    />
  );
}
