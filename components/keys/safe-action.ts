import type { ActionResult } from "@/lib/api/action-result";

/**
 * Awaits a server action, turning a failed request (offline, server restarting) into an
 * ordinary error result. Thrown inside a transition it would reach the error boundary and
 * replace the whole page, losing any secret still on screen.
 */
export async function safeAction<T>(call: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await call;
  } catch {
    return { ok: false, error: "Could not reach the server. Check your connection and try again." };
  }
}
