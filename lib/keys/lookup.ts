import "server-only";
import { notFound } from "@/lib/api/errors";
import { requireAdminCaller, type Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { keySelect, toKeyDto, type KeyDto } from "@/lib/keys/dto";
import { hashKey } from "@/lib/keys/format";

/**
 * An admin finds a key by its secret, whatever its status: the CLI's `DROP KEY <secret> OF …`
 * must reach a revoked or expired key too, which verification would not name. The secret comes
 * in a request body (never a URL); only its hash is looked up, through the unique index.
 */
export async function findKeyBySecret(caller: Caller, secret: string): Promise<KeyDto & { owner_email: string }> {
  requireAdminCaller(caller);
  const key = await db.apiKey.findUnique({
    where: { hash: hashKey(secret) },
    select: { ...keySelect, owner: { select: { email: true } } },
  });
  if (!key) throw notFound("API key");
  const { owner, ...row } = key;
  return { ...toKeyDto(row), owner_email: owner.email };
}
