import type { Metadata } from "next";
import { queryFromSearchParams } from "@/lib/api/query-from-search-params";
import { sessionCaller } from "@/lib/auth/caller";
import { requireAdmin } from "@/lib/auth/session";
import { listUsersQuerySchema } from "@/lib/users/schemas";
import { listUsers } from "@/lib/users/service";
import { UsersTable } from "./_components/users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: PageProps<"/admin/users">) {
  const admin = await requireAdmin();
  // The schema of GET /admin/users, so the page and the API filter, sort and page alike.
  const query = queryFromSearchParams(listUsersQuerySchema, await searchParams);
  const result = await listUsers(sessionCaller(admin), query);

  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="text-sm text-muted-foreground">
          Create accounts, change roles, and disable or delete users. A disabled user cannot sign in, and their keys
          stop verifying until they are enabled again.
        </p>
      </header>
      <UsersTable
        users={result.items}
        total={result.total}
        page={result.page}
        perPage={result.per_page}
        currentUserId={admin.id}
      />
    </div>
  );
}
