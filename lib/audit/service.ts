// Not "server-only": the CLI's setup and the verification server share it outside Next.
import type { AuditAction } from "@/lib/audit/schemas";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

type AuditInput = {
  action: AuditAction;
  target?: { type: string; id: string };
  /** Never a secret or a password: callers pass names, ids and changed field names. */
  details?: Prisma.InputJsonValue;
};

type AuditClient = Pick<typeof db, "auditEvent">;

/** Records who did what. Runs inside the caller's transaction when one is passed. */
export async function recordAudit(
  caller: Pick<Caller, "user" | "keyId" | "ip" | "userAgent"> | null,
  input: AuditInput,
  client: AuditClient = db,
  request?: { ip: string | null; userAgent: string | null },
): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: caller?.user.id ?? null,
      actorEmail: caller?.user.email ?? null,
      actorKeyId: caller?.keyId ?? null,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      ip: caller?.ip ?? request?.ip ?? null,
      userAgent: caller?.userAgent ?? request?.userAgent ?? null,
      details: input.details,
    },
  });
}
