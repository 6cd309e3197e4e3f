import type { Prisma } from "@/lib/generated/prisma/client";

/** The columns a user object (SPEC §4) is built from: never the password hash. */
export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  createdAt: true,
  lastLoginAt: true,
  // A counter kept by triggers: a user with a million keys costs no more to list than one with none.
  keyCount: true,
} satisfies Prisma.UserSelect;

export type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

export function toUserDto(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    created_at: user.createdAt.toISOString(),
    last_login_at: user.lastLoginAt?.toISOString() ?? null,
    key_count: user.keyCount,
  };
}
export type UserDto = ReturnType<typeof toUserDto>;
