"use client";

import { toast } from "sonner";
import type { ActionResult } from "@/lib/api/action-result";

export const UNREACHABLE_MESSAGE = "Could not reach the server. Check your connection and try again.";

/**
 * Awaits a server action. A request that fails (offline, server restarting) is a toast and
 * `null`: thrown inside a transition it would reach the error boundary and replace the page,
 * losing what the form held or the secret still on screen.
 */
export async function callAction<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T> | null> {
  try {
    return await call();
  } catch {
    toast.error("Could not reach the server", { description: "Check your connection and try again." });
    return null;
  }
}

type ToastText<T> = {
  /** A function of the action's data when the outcome says more than the request, e.g. how many were revoked. */
  success: string | ((data: T) => string);
  failure: string;
  description?: string;
};

/**
 * For actions without a form (a confirmed revoke, an enable): the outcome is a toast either
 * way. Resolves true on success, so a confirmation dialog knows whether to close.
 */
export async function toastAction<T>(call: () => Promise<ActionResult<T>>, text: ToastText<T>): Promise<boolean> {
  const result = await callAction(call);
  if (!result) return false;
  if (!result.ok) {
    // The server's own message, e.g. "The last administrator cannot be demoted".
    toast.error(text.failure, { description: result.error });
    return false;
  }
  toast.success(typeof text.success === "function" ? text.success(result.data) : text.success, {
    description: text.description,
  });
  return true;
}
