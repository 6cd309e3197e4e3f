"use server";
// Adapters for the keys UI (own keys on /keys, any user's on /admin/users/[id]): the key service
// decides everything, including whether the caller may act on ownerId's keys.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/api/action-result";
import { actionCaller } from "@/lib/auth/session";
import { createKeySchema, rollKeySchema, updateKeySchema } from "@/lib/keys/schemas";
import { renewKey, rollKey } from "@/lib/keys/renewal";
import { createKey, deleteKey, revokeKey, updateKey } from "@/lib/keys/service";

function refresh(ownerId: string, callerId: string) {
  revalidatePath(ownerId === callerId ? "/keys" : `/admin/users/${ownerId}`);
}

export async function createKeyAction(ownerId: string, input: unknown) {
  const caller = await actionCaller();
  return runAction(createKeySchema, input, async (data) => {
    const created = await createKey(caller, ownerId, data);
    refresh(ownerId, caller.user.id);
    return created;
  });
}

export async function renameKeyAction(ownerId: string, keyId: string, input: unknown) {
  const caller = await actionCaller();
  return runAction(updateKeySchema, input, async (data) => {
    const key = await updateKey(caller, ownerId, keyId, data);
    refresh(ownerId, caller.user.id);
    return key;
  });
}

export async function rollKeyAction(ownerId: string, keyId: string, input: unknown) {
  const caller = await actionCaller();
  return runAction(rollKeySchema, input, async (data) => {
    const rolled = await rollKey(caller, ownerId, keyId, data.grace_period_hours);
    refresh(ownerId, caller.user.id);
    return rolled;
  });
}

const simpleActions = { renew: renewKey, revoke: revokeKey, delete: deleteKey } as const;
// Arguments of a server action come from the network: the command is checked like any input.
const commandSchema = z.strictObject({
  command: z.enum(["renew", "revoke", "delete"]),
  ownerId: z.string().min(1),
  keyId: z.string().min(1),
});

/** Renew, revoke and delete take nothing but the key. */
export async function keyCommandAction(command: keyof typeof simpleActions, ownerId: string, keyId: string) {
  const caller = await actionCaller();
  return runAction(commandSchema, { command, ownerId, keyId }, async (data) => {
    const result = await simpleActions[data.command](caller, data.ownerId, data.keyId);
    refresh(ownerId, caller.user.id);
    return result;
  });
}
