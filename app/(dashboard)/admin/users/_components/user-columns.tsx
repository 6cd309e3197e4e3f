import Link from "next/link";
import { createDataTableColumnHelper } from "@/components/data-table/data-table-features";
import { DateCell } from "@/components/data-table/date-cell";
import { Badge, RoleBadge, StatusBadge } from "@/components/ui/badge";
import type { UserDto } from "@/lib/users/dto";
import { UserRowActions } from "./user-row-actions";

/** Column ids the users list can sort by; they are also the `sort` values of listUsersQuerySchema. */
export const USER_SORTABLE_COLUMNS = ["email", "created_at", "last_login_at"] as const;

const column = createDataTableColumnHelper<UserDto>();

function UserStatusBadge({ disabled, className }: { disabled: boolean; className?: string }) {
  // Text labels on both, so colour is never the only cue.
  return disabled ? (
    <StatusBadge status="disabled" className={className} />
  ) : (
    <Badge variant="success" data-status="enabled" className={className}>
      Enabled
    </Badge>
  );
}

// Email and actions always; role and status from sm (folded under the email below it), name from md,
// the key count and last login from lg, created from xl.

export const userColumns = column.columns([
  column.accessor("email", {
    header: "Email",
    cell: ({ row }) => (
      <div className="grid min-w-32 gap-1">
        <Link
          href={`/admin/users/${row.original.id}`}
          className="w-fit rounded font-medium text-foreground underline-offset-4 [overflow-wrap:anywhere] hover:underline focus-visible:outline-2 focus-visible:outline-ring"
        >
          {row.original.email}
        </Link>
        <span className="flex flex-wrap gap-1.5 sm:hidden">
          <RoleBadge role={row.original.role} />
          <UserStatusBadge disabled={row.original.disabled} />
        </span>
      </div>
    ),
  }),
  column.accessor("name", {
    header: "Name",
    cell: ({ getValue }) => <span className="[overflow-wrap:anywhere]">{getValue() || "—"}</span>,
    meta: { visibleFrom: "md" },
  }),
  column.accessor("role", {
    header: "Role",
    cell: ({ getValue }) => <RoleBadge role={getValue()} />,
    meta: { visibleFrom: "sm" },
  }),
  column.accessor("disabled", {
    header: "Status",
    cell: ({ getValue }) => <UserStatusBadge disabled={getValue()} />,
    meta: { visibleFrom: "sm" },
  }),
  column.accessor("key_count", {
    header: "Keys",
    cell: ({ getValue }) => <span className="tabular-nums">{getValue()}</span>,
    meta: { headerClassName: "text-right", cellClassName: "text-right", visibleFrom: "lg" },
  }),
  column.accessor("created_at", {
    header: "Created",
    sortDescFirst: true,
    cell: ({ getValue }) => <DateCell value={getValue()} empty="—" />,
    meta: { visibleFrom: "xl" },
  }),
  column.accessor("last_login_at", {
    header: "Last login",
    sortDescFirst: true,
    cell: ({ getValue }) => <DateCell value={getValue()} empty="never" withTime />,
    meta: { visibleFrom: "lg" },
  }),
  column.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row }) => <UserRowActions user={row.original} />,
    meta: { headerClassName: "w-10", cellClassName: "w-10 text-right" },
  }),
]);
