import { createDataTableColumnHelper } from "@/components/data-table/data-table-features";
import { DateCell } from "@/components/data-table/date-cell";
import { Badge, StatusBadge } from "@/components/ui/badge";
import type { KeyDto } from "@/lib/keys/dto";
import { KeyNameCell } from "./key-name-cell";
import { KeyStart } from "./key-start";
import { KeyRowActions } from "./key-row-actions";

/** The column ids the keys list can sort by; they are also the API's `sort` values. */
export const KEY_SORTABLE_COLUMNS = ["name", "created_at", "expires_at", "last_used_at"] as const;

const column = createDataTableColumnHelper<KeyDto>();

// Priorities: name and actions always; status from sm, start and expiry from md, scopes from lg,
// dates from xl, the creator from 2xl. Below those widths the name cell carries status and start.
export const keyColumns = column.columns([
  column.accessor("name", {
    header: "Name",
    cell: ({ row }) => <KeyNameCell apiKey={row.original} />,
  }),
  column.accessor("start", {
    header: "Key",
    cell: ({ getValue }) => <KeyStart start={getValue()} />,
    meta: { visibleFrom: "md" },
  }),
  column.accessor("scopes", {
    header: "Scopes",
    // One line where the column has room, wrapping where it has not.
    cell: ({ getValue }) => (
      <ul className="flex flex-wrap gap-1" aria-label="Scopes">
        {getValue().map((scope) => (
          <li key={scope}>
            <Badge variant={scope === "admin" ? "primary" : "neutral"} className="font-mono">
              {scope}
            </Badge>
          </li>
        ))}
      </ul>
    ),
    meta: { visibleFrom: "lg" },
  }),
  column.accessor("status", {
    header: "Status",
    cell: ({ getValue }) => <StatusBadge status={getValue()} />,
    meta: { visibleFrom: "sm" },
  }),
  column.accessor("created_at", {
    header: "Created",
    sortDescFirst: true,
    cell: ({ getValue }) => <DateCell value={getValue()} empty="—" />,
    meta: { visibleFrom: "2xl" },
  }),
  column.accessor("expires_at", {
    header: "Expires",
    cell: ({ getValue }) => <DateCell value={getValue()} empty="never" />,
    meta: { visibleFrom: "md" },
  }),
  column.accessor("last_used_at", {
    header: "Last used",
    sortDescFirst: true,
    cell: ({ getValue }) => <DateCell value={getValue()} empty="never" withTime />,
    meta: { visibleFrom: "xl" },
  }),
  column.accessor((key) => key.created_by?.email ?? null, {
    id: "created_by",
    header: "Created by",
    cell: ({ getValue }) => (
      <span className="block max-w-48 truncate text-muted-foreground" title={getValue() ?? undefined}>
        {getValue() ?? "—"}
      </span>
    ),
    meta: { visibleFrom: "2xl" },
  }),
  column.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row }) => <KeyRowActions apiKey={row.original} />,
    meta: { headerClassName: "w-10", cellClassName: "w-10 text-right" },
  }),
]);
