import "server-only";
import type { z } from "zod";
import { fieldErrors, toApiError } from "@/lib/api/map-error";
import { nulCharacterFields } from "@/lib/api/request";

/** What every server action returns: data, or a message with the bad fields for the form. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fields?: Record<string, string[]> };

/**
 * The common part of a server action (STYLE §5): re-validate the input with the same schema
 * the form used, run the service, and turn any error into a message the UI can show. Unknown
 * errors are logged by toApiError and reach the browser only as a generic message.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  run: (data: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const nulFields = nulCharacterFields(input);
  if (Object.keys(nulFields).length > 0) return { ok: false, error: "Check the highlighted fields", fields: nulFields };
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields", fields: fieldErrors(parsed.error) };
  try {
    return { ok: true, data: await run(parsed.data) };
  } catch (error) {
    const apiError = toApiError(error);
    return { ok: false, error: apiError.message, fields: apiError.fields };
  }
}
