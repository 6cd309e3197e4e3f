import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { notFound } from "@/lib/api/errors";
import { keySelect, toKeyDto } from "@/lib/keys/dto";

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
    // The calling key describes itself whatever its scopes: no keys:read needed to ask "who am I".
    key: caller.keyId ? toKeyDto(await db.apiKey.findUniqueOrThrow({ where: { id: caller.keyId }, select: keySelect })) : null,
  };
}
