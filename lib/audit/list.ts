import "server-only";
import { requireAdminCaller, type Caller } from "@/lib/auth/caller";
import type { ListAuditQuery } from "@/lib/audit/schemas";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

const auditSelect = {
  id: true,
  actorId: true,
  actorEmail: true,
  actorKeyId: true,
  action: true,
  targetType: true,
  targetId: true,
  ip: true,
  userAgent: true,
  details: true,
  createdAt: true,
} satisfies Prisma.AuditEventSelect;

type AuditRow = Prisma.AuditEventGetPayload<{ select: typeof auditSelect }>;

/** Current names of the users and keys a page of events mentions, by id. */
type Names = { users: Map<string, string>; keys: Map<string, string> };

function detail(details: Prisma.JsonValue, field: string): string | null {
  if (!details || typeof details !== "object" || Array.isArray(details)) return null;
  const value = details[field];
  return typeof value === "string" ? value : null;
}

/** What a person calls the target: a key's name, a user's email, a provider's factory; from the event if it is gone. */
function targetName(event: AuditRow, names: Names): string | null {
  if (!event.targetId) return null;
  switch (event.targetType) {
    case "key":
      return names.keys.get(event.targetId) ?? detail(event.details, "name");
    case "user":
      return names.users.get(event.targetId) ?? detail(event.details, "email");
    case "model_provider":
      return detail(event.details, "factory");
    case "email":
      return event.targetId;
    default:
      return null;
  }
}

function toAuditDto(event: AuditRow, names: Names) {
  return {
    id: event.id,
    actor: {
      id: event.actorId,
      // The email as it was at the time; the actor may since have changed or been deleted.
      email: event.actorEmail ?? (event.actorId ? (names.users.get(event.actorId) ?? null) : null),
      key_id: event.actorKeyId,
      key_name: event.actorKeyId ? (names.keys.get(event.actorKeyId) ?? null) : null,
    },
    action: event.action,
    target: { type: event.targetType, id: event.targetId, name: targetName(event, names) },
    ip: event.ip,
    user_agent: event.userAgent,
    details: event.details,
    created_at: event.createdAt.toISOString(),
  };
}
export type AuditDto = ReturnType<typeof toAuditDto>;
export type AuditPage = { items: AuditDto[]; total: number; page: number; per_page: number };

/** Two queries for a whole page, never one per event. */
async function namesFor(rows: AuditRow[]): Promise<Names> {
  const userIds = new Set<string>();
  const keyIds = new Set<string>();
  for (const row of rows) {
    if (row.actorId && !row.actorEmail) userIds.add(row.actorId);
    if (row.actorKeyId) keyIds.add(row.actorKeyId);
    if (row.targetId && row.targetType === "user") userIds.add(row.targetId);
    if (row.targetId && row.targetType === "key") keyIds.add(row.targetId);
  }
  const [users, keys] = await Promise.all([
    userIds.size > 0
      ? db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, email: true } })
      : [],
    keyIds.size > 0 ? db.apiKey.findMany({ where: { id: { in: [...keyIds] } }, select: { id: true, name: true } }) : [],
  ]);
  return {
    users: new Map(users.map((user) => [user.id, user.email])),
    keys: new Map(keys.map((key) => [key.id, key.name])),
  };
}

/**
 * The target filter: an id, or an email standing for the user who has it now, for a deleted
 * user (their events recorded the email), and for failed sign-ins that tried it.
 */
async function targetWhere(target: string): Promise<Prisma.AuditEventWhereInput> {
  if (!target.includes("@")) return { targetId: target };
  const email = target.toLowerCase();
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  return {
    OR: [
      { targetId: { in: user ? [user.id, email] : [email] } },
      { targetType: "user", details: { path: ["email"], equals: email } },
    ],
  };
}

/**
 * GET /admin/audit. The actor filter matches the email recorded at the time of the event, so
 * events of a since-deleted user can still be found by the address people remember.
 */
export async function listAudit(caller: Caller, query: ListAuditQuery): Promise<AuditPage> {
  requireAdminCaller(caller);
  const where: Prisma.AuditEventWhereInput = {};
  if (query.actor) {
    if (query.actor.includes("@")) where.actorEmail = query.actor.toLowerCase();
    else where.actorId = query.actor;
  }
  if (query.action) where.action = { in: query.action };
  if (query.target) Object.assign(where, await targetWhere(query.target));
  if (query.from || query.to) where.createdAt = { gte: query.from, lte: query.to };
  const [rows, total] = await db.$transaction([
    db.auditEvent.findMany({ where, ...newestFirst((query.page - 1) * query.per_page, query.per_page) }),
    db.auditEvent.count({ where }),
  ]);
  return { items: await toAuditDtos(rows), total, page: query.page, per_page: query.per_page };
}

// Ids are UUIDv7, so they break ties between events of the same millisecond in time order.
const newestFirst = (skip: number, take: number) => ({
  select: auditSelect,
  orderBy: [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.AuditEventOrderByWithRelationInput[],
  skip,
  take,
});

async function toAuditDtos(rows: AuditRow[]): Promise<AuditDto[]> {
  const names = await namesFor(rows);
  return rows.map((row) => toAuditDto(row, names));
}

/**
 * The newest events about one key, for its page. The caller must already be allowed to see the
 * key (its owner, or an admin): the key page's service decides that before asking.
 */
export async function listKeyAudit(keyId: string, limit: number): Promise<AuditDto[]> {
  const rows = await db.auditEvent.findMany({
    where: { targetType: "key", targetId: keyId },
    ...newestFirst(0, limit),
  });
  return toAuditDtos(rows);
}
