import Link from "next/link";
import { createDataTableColumnHelper } from "@/components/data-table/data-table-features";
import { DateCell } from "@/components/data-table/date-cell";
import { Badge, RoleBadge, StatusBadge } from "@/components/ui/badge";
import type { UserDto } from "@/lib/users/dto";
import { UserRowActions } from "./user-row-actions";

/** Column ids the users list can sort by; they are also the `sort` values of listUsersQuerySchema. */
export const USER_SORTABLE_COLUMNS = ["email", "created_at", "last_login_at"] as const;

const column = createDataTableColumnHelper<UserDto>();

export const userColumns = column.columns([
  column.accessor("email", {
    header: "Email",
    cell: ({ row }) => (
      <Link
        href={`/admin/users/${row.original.id}`}
        className="rounded font-medium text-foreground underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
      >
        {row.original.email}
      </Link>
    ),
  }),
  column.accessor("name", {
    header: "Name",
    cell: ({ getValue }) => getValue() || <span className="text-muted-foreground">—</span>,
  }),
  column.accessor("role", {
    header: "Role",
    cell: ({ getValue }) => <RoleBadge role={getValue()} />,
  }),
  column.accessor("disabled", {
    header: "Status",
    // Text labels on both, so colour is never the only cue.
    cell: ({ getValue }) =>
      getValue() ? (
        <StatusBadge status="disabled" />
      ) : (
        <Badge variant="success" data-status="enabled">
          Enabled
        </Badge>
      ),
  }),
  column.accessor("key_count", {
    header: "Keys",
    cell: ({ getValue }) => <span className="tabular-nums">{getValue()}</span>,
    meta: { headerClassName: "text-right", cellClassName: "text-right" },
  }),
  column.accessor("created_at", {
    header: "Created",
    sortDescFirst: true,
    cell: ({ getValue }) => <DateCell value={getValue()} empty="—" />,
  }),
  column.accessor("last_login_at", {
    header: "Last login",
    sortDescFirst: true,
    cell: ({ getValue }) => <DateCell value={getValue()} empty="never" withTime />,
  }),
  column.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row }) => <UserRowActions user={row.original} />,
    meta: { headerClassName: "w-10", cellClassName: "text-right" },
  }),
]);
