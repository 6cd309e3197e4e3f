import { queryFromSearchParams, type RawSearchParams } from "@/lib/api/query-from-search-params";
import { listKeysQuerySchema, type ListKeysQuery } from "@/lib/keys/schemas";

/**
 * /keys and /admin/users/[id]: a bad param falls back to its default instead of failing the page.
 * The pages go by page number (their tables offer no cursor yet), so a `cursor` in the URL is
 * ignored; `total` is capped at 10,000, so their last page is never deeper than `page` may go.
 */
export function keysQueryFromSearchParams(raw: RawSearchParams): ListKeysQuery {
  const withoutCursor = Object.fromEntries(Object.entries(raw).filter(([name]) => name !== "cursor"));
  return queryFromSearchParams(listKeysQuerySchema, withoutCursor);
}
