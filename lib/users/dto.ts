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
  // Counted in the same query as the rows, so a page of users costs one query, not one per user.
  _count: { select: { apiKeys: true } },
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
    key_count: user._count.apiKeys,
  };
}
export type UserDto = ReturnType<typeof toUserDto>;
