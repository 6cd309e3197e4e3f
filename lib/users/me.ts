import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { notFound } from "@/lib/api/errors";
import { getKey } from "@/lib/keys/service";

/** GET /me: the caller's own profile and, when the call came with a key, that key. */
export async function getMe(caller: Caller) {
  const user = await db.user.findUnique({
    where: { id: caller.user.id },
    select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true, lastLoginAt: true },
  });
  if (!user) throw notFound("User");
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      disabled: user.disabled,
      created_at: user.createdAt.toISOString(),
      last_login_at: user.lastLoginAt?.toISOString() ?? null,
      scopes: caller.scopes,
    },
    key: caller.keyId ? await getKey(caller, caller.user.id, caller.keyId) : null,
  };
}
