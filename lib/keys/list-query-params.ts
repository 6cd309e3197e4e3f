import { listKeysQuerySchema, type ListKeysQuery } from "@/lib/keys/schemas";

type RawSearchParams = Record<string, string | string[] | undefined>;

const FIELDS = Object.keys(listKeysQuerySchema.shape) as Array<keyof ListKeysQuery>;

/**
 * A page's searchParams as a keys query. Unlike the API (which answers a bad value with a
 * 400), a page must always render: unknown params are ignored and each invalid value falls
 * back to its default on its own, so `?page=abc&q=ci` still searches for "ci".
 */
export function keysQueryFromSearchParams(raw: RawSearchParams): ListKeysQuery {
  const picked: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = raw[field];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "") picked[field] = first;
  }
  const parsed = listKeysQuerySchema.safeParse(picked);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) delete picked[String(issue.path[0])];
  return listKeysQuerySchema.safeParse(picked).data ?? listKeysQuerySchema.parse({});
}
