import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** An unknown or since-deleted user id: said plainly, inside the dashboard, with a way back. */
export default function UserNotFound() {
  return (
    <div
      className="flex flex-col items-center gap-3 rounded-lg border bg-card p-10 text-center"
      data-testid="user-not-found"
    >
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-xl font-semibold">User not found</h1>
      <p className="text-sm text-muted-foreground">No user has this id. They may have been deleted.</p>
      <Link href="/admin/users" className={buttonClasses({ variant: "secondary" })}>
        Back to users
      </Link>
    </div>
  );
}
