import type { Metadata } from "next";
import { Suspense } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { PageHeader } from "@/components/page-header";
import { queryFromSearchParams } from "@/lib/api/query-from-search-params";
import { sessionCaller, type CallerUser } from "@/lib/auth/caller";
import { requireAdmin } from "@/lib/auth/session";
import { listUsersQuerySchema, type ListUsersQuery } from "@/lib/users/schemas";
import { listUsers } from "@/lib/users/service";
import { UsersTable } from "./_components/users-table";

export const metadata: Metadata = { title: "Users" };

const SKELETON_COLUMNS = ["w-48", "w-14", "w-16", "w-24"];

/** The role check runs before the Suspense boundary, so a non-admin gets a real 403. */
export default async function UsersPage({ searchParams }: PageProps<"/admin/users">) {
  const admin = await requireAdmin();
  // The schema of GET /admin/users, so the page and the API filter, sort and page alike.
  const query = queryFromSearchParams(listUsersQuerySchema, await searchParams);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Users"
        description="Create accounts, change roles, and disable or delete users. A disabled user cannot sign in, and their keys stop verifying until they are enabled again."
      />
      <Suspense fallback={<DataTableSkeleton columns={SKELETON_COLUMNS} filters={2} label="Loading users…" />}>
        <UsersList admin={admin} query={query} />
      </Suspense>
    </div>
  );
}

async function UsersList({ admin, query }: { admin: CallerUser; query: ListUsersQuery }) {
  const result = await listUsers(sessionCaller(admin), query);
  return (
    <UsersTable
      users={result.items}
      total={result.total}
      page={result.page}
      perPage={result.per_page}
      currentUserId={admin.id}
    />
  );
}
