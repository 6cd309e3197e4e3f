"use client";

import { useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableFilterSelect } from "@/components/data-table/data-table-toolbar";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { UserDto } from "@/lib/users/dto";
import { CreateUserDialog } from "./create-user-dialog";
import { USER_SORTABLE_COLUMNS, userColumns } from "./user-columns";
import { CurrentUserIdContext } from "./user-row-actions";

const ROLE_OPTIONS = [
  { value: "all", label: "All roles" },
  { value: "ADMIN", label: "Admins" },
  { value: "USER", label: "Users" },
] as const;

// The status filter writes the API's own `disabled` param, so the page parses it with the same schema.
const STATUS_OPTIONS = [
  { value: "all", label: "All statuses" },
  { value: "false", label: "Enabled" },
  { value: "true", label: "Disabled" },
] as const;

const FILTER_PARAMS = ["role", "disabled"] as const;
const rowId = (user: UserDto) => user.id;

type UsersTableProps = {
  users: UserDto[];
  total: number;
  page: number;
  perPage: number;
  /** The signed-in admin, whom the row menu does not offer to delete. */
  currentUserId: string;
};

/** One page of users; search, filters, sort and paging live in the URL and run in the database. */
export function UsersTable({ users, total, page, perPage, currentUserId }: UsersTableProps) {
  const [createOpen, setCreateOpen] = useState(false);
  return (
    <CurrentUserIdContext value={currentUserId}>
      <DataTable
        label="Users"
        data={users}
        columns={userColumns}
        getRowId={rowId}
        total={total}
        page={page}
        perPage={perPage}
        sortableColumns={USER_SORTABLE_COLUMNS}
        defaultSort="-created_at"
        search="Search email or name…"
        filterParams={FILTER_PARAMS}
        toolbar={
          <>
            {/* "all" is the server's default, so picking it removes the param instead of writing it. */}
            <DataTableFilterSelect param="role" label="Role" options={ROLE_OPTIONS} defaultValue="all" />
            <DataTableFilterSelect param="disabled" label="Status" options={STATUS_OPTIONS} defaultValue="all" />
            {/* order-last puts it after the table's pending indicator, at the right end of the row. */}
            <Button onClick={() => setCreateOpen(true)} className="order-last">
              Create user
            </Button>
          </>
        }
        emptyState={
          <EmptyState
            title="No users yet"
            action={
              <Button variant="secondary" onClick={() => setCreateOpen(true)}>
                Create a user
              </Button>
            }
          />
        }
      />
      {createOpen && <CreateUserDialog onOpenChange={setCreateOpen} />}
    </CurrentUserIdContext>
  );
}
