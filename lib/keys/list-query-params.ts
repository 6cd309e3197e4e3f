import { queryFromSearchParams, type RawSearchParams } from "@/lib/api/query-from-search-params";
import { listKeysQuerySchema, type ListKeysQuery } from "@/lib/keys/schemas";

/** /keys and /admin/users/[id]: a bad param falls back to its default instead of failing the page. */
export function keysQueryFromSearchParams(raw: RawSearchParams): ListKeysQuery {
  return queryFromSearchParams(listKeysQuerySchema, raw);
}
