"use server";
// Adapters for the admin overview: the usage services decide everything.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/api/action-result";
import { actionCaller } from "@/lib/auth/session";
import { OVERVIEW_LIST_LIMIT } from "@/lib/usage/overview";
import { revokeIdleKeys } from "@/lib/usage/revoke-idle";

const revokeIdleSchema = z.strictObject({ keyIds: z.array(z.string().min(1).max(64)).min(1).max(OVERVIEW_LIST_LIMIT) });

/** The overview's "Revoke idle keys": the keys it listed, each checked again by the service. */
export async function revokeIdleKeysAction(keyIds: string[]) {
  const caller = await actionCaller();
  return runAction(revokeIdleSchema, { keyIds }, async (data) => {
    const result = await revokeIdleKeys(caller, data.keyIds);
    revalidatePath("/admin");
    return result;
  });
}
