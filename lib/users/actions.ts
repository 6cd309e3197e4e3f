"use server";
// Adapters for /admin/users and /admin/users/[id]. Each is a public POST endpoint: the caller
// comes from the session, the input is parsed again, and the user service decides the rest
// (admin only, last admin, self-deletion), exactly as it does for the REST routes.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/api/action-result";
import { ApiError } from "@/lib/api/errors";
import { actionCaller } from "@/lib/auth/session";
import { createUserSchema, updateUserSchema } from "@/lib/users/schemas";
import { createUser, deleteUser, updateUser } from "@/lib/users/service";

const USERS_PATH = "/admin/users";

// Arguments of a server action come from the network, the id included.
const userIdSchema = z.string().trim().min(1, "User id is required").max(200);
const updateArgsSchema = z.strictObject({ userId: userIdSchema, changes: updateUserSchema });
const deleteArgsSchema = z.strictObject({ userId: userIdSchema });

function refresh(userId?: string) {
  revalidatePath(USERS_PATH);
  if (userId) revalidatePath(`${USERS_PATH}/${userId}`);
}

export async function createUserAction(input: unknown) {
  const caller = await actionCaller();
  return runAction(createUserSchema, input, async (data) => {
    let user;
    try {
      user = await createUser(caller, data);
    } catch (error) {
      // The service's duplicate-email 409 names no field; the form wants it on the email input.
      if (error instanceof ApiError && error.status === 409)
        throw new ApiError(409, error.message, { email: [error.message] });
      throw error;
    }
    refresh();
    return user;
  });
}

/** Role change, disable / enable (and name or password, which the REST route allows too). */
export async function updateUserAction(userId: string, input: unknown) {
  const caller = await actionCaller();
  return runAction(updateArgsSchema, { userId, changes: input }, async ({ userId: id, changes }) => {
    const user = await updateUser(caller, id, changes);
    refresh(user.id);
    return user;
  });
}

export async function deleteUserAction(userId: string) {
  const caller = await actionCaller();
  return runAction(deleteArgsSchema, { userId }, async ({ userId: id }) => {
    const result = await deleteUser(caller, id);
    refresh(result.id);
    return result;
  });
}
