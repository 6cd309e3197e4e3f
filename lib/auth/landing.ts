import type { CallerUser } from "@/lib/auth/caller";

/** The one decision of where a signed-in person lands: an admin on the admin area, anyone else on their keys. */
export function landingPath(user: Pick<CallerUser, "role">): string {
  return user.role === "ADMIN" ? "/admin" : "/keys";
}
