import "server-only";
import { notFound } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { keySelect, toKeyDto, type KeyDto } from "@/lib/keys/dto";
import { authorizeOwner } from "@/lib/keys/service";

export type KeyLineage = { predecessor: KeyDto | null; successor: KeyDto | null };

/**
 * A key's roll lineage for its page: the key it replaced and the key that replaced it (a key is
 * rolled once, so there is at most one of each). Either is null when there is none, or when it
 * has since been deleted.
 */
export async function getKeyLineage(caller: Caller, ownerId: string, id: string): Promise<KeyLineage> {
  await authorizeOwner(caller, ownerId, "keys:read");
  const key = await db.apiKey.findFirst({
    where: { id, ownerId },
    select: { predecessor: { select: keySelect }, successor: { select: keySelect } },
  });
  if (!key) throw notFound("Key");
  return {
    predecessor: key.predecessor ? toKeyDto(key.predecessor) : null,
    successor: key.successor ? toKeyDto(key.successor) : null,
  };
}
