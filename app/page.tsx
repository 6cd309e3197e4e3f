import { redirect } from "next/navigation";
import { landingPath } from "@/lib/auth/landing";
import { requireUser } from "@/lib/auth/session";

/** Where "/" and a sign-in without a return address lead: each role to what it came for. */
export default async function Home() {
  redirect(landingPath(await requireUser()));
}
