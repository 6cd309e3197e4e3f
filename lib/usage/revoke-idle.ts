import "server-only";
import { recordAudit } from "@/lib/audit/service";
import { requireAdminCaller, type Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { keyCache } from "@/lib/keys/key-cache";
import { currentSettings } from "@/lib/settings/service";
import { idleKeyWhere } from "@/lib/usage/overview";

/**
 * The overview's bulk revoke: revokes those of the given keys that are still idle and active
 * (checked again here, so a key used since the page loaded is spared), one audit event per key.
 */
export async function revokeIdleKeys(caller: Caller, keyIds: string[]): Promise<{ revoked: string[] }> {
  requireAdminCaller(caller);
  const { idle_key_days } = await currentSettings();
  const now = new Date();
  const revoked = await db.$transaction(async (tx) => {
    const keys = await tx.apiKey.findMany({
      where: { AND: [{ id: { in: keyIds } }, idleKeyWhere(idle_key_days, now)] },
      select: { id: true, ownerId: true, name: true, hash: true },
    });
    // Conditional on still being unrevoked, like revokeKey, so a concurrent revoke is not audited twice.
    const updated = await tx.apiKey.updateManyAndReturn({
      where: { id: { in: keys.map((key) => key.id) }, revokedAt: null },
      data: { revokedAt: now },
      select: { id: true },
    });
    const updatedIds = new Set(updated.map((key) => key.id));
    const done = keys.filter((key) => updatedIds.has(key.id));
    for (const key of done) {
      await recordAudit(
        caller,
        {
          action: "key.revoked",
          target: { type: "key", id: key.id },
          details: { owner_id: key.ownerId, name: key.name, reason: "idle", idle_key_days },
        },
        tx,
      );
    }
    return done;
  });
  for (const key of revoked) keyCache().invalidate(key.hash);
  return { revoked: revoked.map((key) => key.id) };
}
