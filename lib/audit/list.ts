import "server-only";
import { requireAdminCaller, type Caller } from "@/lib/auth/caller";
import type { ListAuditQuery } from "@/lib/audit/schemas";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const auditSelect = {
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

export function toAuditDto(event: AuditRow) {
  return {
    id: event.id,
    actor: { id: event.actorId, email: event.actorEmail, key_id: event.actorKeyId },
    action: event.action,
    target: { type: event.targetType, id: event.targetId },
    ip: event.ip,
    user_agent: event.userAgent,
    details: event.details,
    created_at: event.createdAt.toISOString(),
  };
}
export type AuditDto = ReturnType<typeof toAuditDto>;
export type AuditPage = { items: AuditDto[]; total: number; page: number; per_page: number };

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
  if (query.action) where.action = query.action;
  if (query.target) where.targetId = query.target;
  const [rows, total] = await db.$transaction([
    // Ids are UUIDv7, so they break ties between events of the same millisecond in time order.
    db.auditEvent.findMany({
      where,
      select: auditSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.per_page,
      take: query.per_page,
    }),
    db.auditEvent.count({ where }),
  ]);
  return { items: rows.map(toAuditDto), total, page: query.page, per_page: query.per_page };
}
