import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { fieldErrors } from "@/lib/api/map-error";
import { nulCharacterFields } from "@/lib/api/request";

/** Validates a request value with its zod schema; any problem is a 400 naming each bad field. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const nulFields = nulCharacterFields(value);
  if (Object.keys(nulFields).length > 0) throw new ApiError(400, `Invalid ${what}`, nulFields);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(400, `Invalid ${what}`, fieldErrors(parsed.error));
  return parsed.data;
}
