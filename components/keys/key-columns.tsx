import { createDataTableColumnHelper } from "@/components/data-table/data-table-features";
import { DateCell } from "@/components/data-table/date-cell";
import { Badge, StatusBadge } from "@/components/ui/badge";
import type { KeyDto } from "@/lib/keys/dto";
import { KeyNameCell } from "./key-name-cell";
import { KeyRowActions } from "./key-row-actions";

/** The column ids the keys list can sort by; they are also the API's `sort` values. */
export const KEY_SORTABLE_COLUMNS = ["name", "created_at", "expires_at", "last_used_at"] as const;

const column = createDataTableColumnHelper<KeyDto>();

export const keyColumns = column.columns([
  column.accessor("name", {
    header: "Name",
    cell: ({ row }) => <KeyNameCell apiKey={row.original} />,
  }),
  column.accessor("start", {
    header: "Key",
    // Only the stored start: the secret itself never reaches the table.
    cell: ({ getValue }) => (
      <code className="whitespace-nowrap font-mono text-xs" data-testid="key-start">
        {getValue()}…
      </code>
    ),
  }),
  column.accessor("scopes", {
    header: "Scopes",
    cell: ({ getValue }) => (
      <ul className="flex min-w-44 max-w-72 flex-wrap gap-1" aria-label="Scopes">
        {getValue().map((scope) => (
          <li key={scope}>
            <Badge variant={scope === "admin" ? "primary" : "neutral"} className="font-mono">
              {scope}
            </Badge>
          </li>
        ))}
      </ul>
    ),
  }),
  column.accessor("status", {
    header: "Status",
    cell: ({ getValue }) => <StatusBadge status={getValue()} />,
  }),
  column.accessor("created_at", {
    header: "Created",
    sortDescFirst: true,
    cell: ({ getValue }) => <DateCell value={getValue()} empty="—" />,
  }),
  column.accessor("expires_at", {
    header: "Expires",
    cell: ({ getValue }) => <DateCell value={getValue()} empty="never" />,
  }),
  column.accessor("last_used_at", {
    header: "Last used",
    sortDescFirst: true,
    cell: ({ getValue }) => <DateCell value={getValue()} empty="never" withTime />,
  }),
  column.accessor((key) => key.created_by?.email ?? null, {
    id: "created_by",
    header: "Created by",
    cell: ({ getValue }) => <span className="whitespace-nowrap text-muted-foreground">{getValue() ?? "—"}</span>,
  }),
  column.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row }) => <KeyRowActions apiKey={row.original} />,
    // No text-right here: the row's dialogs render inside this cell and would inherit it.
    meta: { headerClassName: "w-10" },
  }),
]);
