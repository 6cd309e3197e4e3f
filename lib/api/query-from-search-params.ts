import type { z } from "zod";

export type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * A page's searchParams as a list query. Unlike the REST API, which answers a bad value with a
 * 400, a page must always render: unknown params are ignored and each invalid value falls back
 * to its default on its own, so `?page=abc&q=ann` still searches for "ann".
 */
export function queryFromSearchParams<S extends z.ZodObject>(schema: S, raw: RawSearchParams): z.output<S> {
  const picked: Record<string, string> = {};
  for (const field of Object.keys(schema.shape)) {
    const value = raw[field];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "") picked[field] = first;
  }
  const parsed = schema.safeParse(picked);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) delete picked[String(issue.path[0])];
  const retried = schema.safeParse(picked);
  // Every field of a list query has a default or is optional, so `{}` always parses.
  return retried.success ? retried.data : schema.parse({});
}
