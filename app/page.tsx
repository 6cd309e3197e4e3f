import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";

/** Where a signed-in person lands (sign-in returns here by default): admins on the overview, users on their keys. */
export default async function Home() {
  const user = await requireUser();
  redirect(user.role === "ADMIN" ? "/admin" : "/keys");
}
