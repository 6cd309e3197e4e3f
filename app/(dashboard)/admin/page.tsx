import { redirect } from "next/navigation";

// Until the admin overview exists, the admin area opens on its users.
export default function AdminPage() {
  redirect("/admin/users");
}
