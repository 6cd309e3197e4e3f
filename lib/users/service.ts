import "server-only";
import { conflict, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { requireAdminCaller, type Caller } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import { db, isUniqueViolation, likeLiteral } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { keyCache } from "@/lib/keys/key-cache";
import { toUserDto, userSelect, type UserDto } from "@/lib/users/dto";
import { ensureNotLastAdmin } from "@/lib/users/last-admin";
import type { CreateUserInput, ListUsersQuery, UpdateUserInput } from "@/lib/users/schemas";

export type UserPage = { items: UserDto[]; total: number; page: number; per_page: number };
export type UserRef = { id: string; email: string; role: Role; disabled: boolean };

const SORT_COLUMNS = {
  created_at: "createdAt",
  email: "email",
  last_login_at: "lastLoginAt",
} as const satisfies Record<string, keyof Prisma.UserOrderByWithRelationInput>;

function orderBy(sort: ListUsersQuery["sort"]): Prisma.UserOrderByWithRelationInput[] {
  const direction: Prisma.SortOrder = sort.startsWith("-") ? "desc" : "asc";
  const column = SORT_COLUMNS[sort.replace(/^-/, "") as keyof typeof SORT_COLUMNS];
  // Users who never signed in sort after the rest either way; id keeps pages stable.
  const primary =
    column === "lastLoginAt" ? { lastLoginAt: { sort: direction, nulls: "last" as const } } : { [column]: direction };
  return [primary, { id: direction }];
}

/** `{user}` in a route is an id or, when it holds "@", an email (stored lower-case). */
function whereRef(ref: string): Prisma.UserWhereUniqueInput {
  const value = emailFromEncoded(ref.trim());
  return value.includes("@") ? { email: value.toLowerCase() } : { id: value };
}

// Next has, in some versions, handed app-route params over still percent-encoded
// (vercel/next.js#48058). Ids never hold "%" or "@", so decoding is safe exactly when it yields an email.
function emailFromEncoded(ref: string): string {
  if (ref.includes("@") || !/%40/i.test(ref)) return ref;
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}

/** Finds a user by id or email for the admin routes (the per-user key routes use its id). */
export async function resolveUser(caller: Caller, ref: string): Promise<UserRef> {
  requireAdminCaller(caller);
  const user = await db.user.findUnique({
    where: whereRef(ref),
    select: { id: true, email: true, role: true, disabled: true },
  });
  if (!user) throw notFound("User");
  return user;
}

export async function listUsers(caller: Caller, query: ListUsersQuery): Promise<UserPage> {
  requireAdminCaller(caller);
  const filters: Prisma.UserWhereInput[] = [];
  if (query.q) {
    const term = likeLiteral(query.q);
    filters.push({
      OR: [{ email: { contains: term, mode: "insensitive" } }, { name: { contains: term, mode: "insensitive" } }],
    });
  }
  if (query.role) filters.push({ role: query.role });
  if (query.disabled !== undefined) filters.push({ disabled: query.disabled });
  const where: Prisma.UserWhereInput = { AND: filters };
  const [rows, total] = await db.$transaction([
    db.user.findMany({
      where,
      select: userSelect,
      orderBy: orderBy(query.sort),
      skip: (query.page - 1) * query.per_page,
      take: query.per_page,
    }),
    db.user.count({ where }),
  ]);
  return { items: rows.map(toUserDto), total, page: query.page, per_page: query.per_page };
}

export async function getUser(caller: Caller, ref: string): Promise<UserDto> {
  requireAdminCaller(caller);
  const user = await db.user.findUnique({ where: whereRef(ref), select: userSelect });
  if (!user) throw notFound("User");
  return toUserDto(user);
}

export async function createUser(caller: Caller, input: CreateUserInput): Promise<UserDto> {
  requireAdminCaller(caller);
  // Hashing takes ~80 ms: do it before the transaction so no connection waits on it.
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
        select: userSelect,
      });
      await recordAudit(
        caller,
        {
          action: "user.created",
          target: { type: "user", id: created.id },
          details: { email: created.email, role: created.role },
        },
        tx,
      );
      return created;
    });
    return toUserDto(user);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("A user with that email already exists");
    throw error;
  }
}

export async function updateUser(caller: Caller, ref: string, input: UpdateUserInput): Promise<UserDto> {
  const target = await resolveUser(caller, ref);
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  // Field names only: the audit log must never hold the password, not even hashed.
  const changed = Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);
  const user = await db.$transaction(async (tx) => {
    const removesAdmin = input.role === "USER" ? "demoted" : input.disabled === true ? "disabled" : null;
    if (removesAdmin) await ensureNotLastAdmin(tx, target.id, `The last administrator cannot be ${removesAdmin}`);
    const updated = await tx.user.update({
      where: { id: target.id },
      data: { name: input.name, role: input.role, disabled: input.disabled, passwordHash },
      select: userSelect,
    });
    await recordAudit(
      caller,
      { action: "user.updated", target: { type: "user", id: target.id }, details: { email: updated.email, changed } },
      tx,
    );
    return updated;
  });
  // This process drops the owner's cached keys now; the call returns once the users trigger's
  // NOTIFY has gone out to every instance, so the next verification anywhere sees the change.
  if (input.role !== undefined || input.disabled !== undefined)
    await keyCache().invalidateEverywhere(`user:${target.id}`);
  return toUserDto(user);
}

/** Deletes a user; the schema cascades their keys, model providers and default models. */
export async function deleteUser(caller: Caller, ref: string): Promise<{ id: string; deleted: true }> {
  const target = await resolveUser(caller, ref);
  if (target.id === caller.user.id) throw conflict("You cannot delete your own account");
  await db.$transaction(async (tx) => {
    await ensureNotLastAdmin(tx, target.id, "The last administrator cannot be deleted");
    const keyCount = await tx.apiKey.count({ where: { ownerId: target.id } });
    await tx.user.delete({ where: { id: target.id } });
    await recordAudit(
      caller,
      {
        action: "user.deleted",
        target: { type: "user", id: target.id },
        details: { email: target.email, role: target.role, key_count: keyCount },
      },
      tx,
    );
  });
  await keyCache().invalidateEverywhere(`user:${target.id}`);
  return { id: target.id, deleted: true };
}
