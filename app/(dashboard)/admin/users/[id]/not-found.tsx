import { StatusNotice } from "@/components/status-notice";

/** An unknown or since-deleted user id: said plainly, inside the dashboard, with a way back. */
export default function UserNotFound() {
  return (
    <StatusNotice
      status={404}
      title="User not found"
      description="No user has this id. They may have been deleted."
      back={{ href: "/admin/users", label: "Back to users" }}
      data-testid="user-not-found"
    />
  );
}
