import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { notFound } from "@/lib/api/errors";
import { keySelect, toKeyDto } from "@/lib/keys/dto";
import { toUserDto, userSelect } from "@/lib/users/dto";

/** GET /me: the caller's own profile and, when the call came with a key, that key. */
export async function getMe(caller: Caller) {
  const user = await db.user.findUnique({ where: { id: caller.user.id }, select: userSelect });
  if (!user) throw notFound("User");
  return {
    // The user object of the admin API, plus what this call may do.
    user: { ...toUserDto(user), scopes: caller.scopes },
    // The calling key describes itself whatever its scopes: no keys:read needed to ask "who am I".
    key: caller.keyId
      ? toKeyDto(await db.apiKey.findUniqueOrThrow({ where: { id: caller.keyId }, select: keySelect }))
      : null,
  };
}
