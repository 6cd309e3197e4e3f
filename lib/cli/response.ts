// Readers for the `data` of API answers. The CLI checks shapes instead of casting, so a
// server that answers differently produces a clear message, not `undefined` in a table.

import type { ApiClient, RequestOptions } from "./api-client";
import type { Row } from "./format";

/** A failure the CLI itself detected (not an error envelope from the server). */
export class CliCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliCommandError";
  }
}

export function isRecord(value: unknown): value is Row {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown, what: string): Row {
  if (!isRecord(value)) throw new CliCommandError(`unexpected answer from the server: ${what} is not an object`);
  return value;
}

export function asRows(value: unknown, what: string): Row[] {
  if (!Array.isArray(value) || !value.every(isRecord)) {
    throw new CliCommandError(`unexpected answer from the server: ${what} is not a list of objects`);
  }
  return value;
}

export const PER_PAGE = 100;
// A guard against a server whose pagination never ends: 100 000 rows is far beyond any listing.
const MAX_PAGES = 1000;

/** Follows `page` until every item is read; pages look like `{items, total, page, per_page}`. */
export async function fetchAllPages(
  client: ApiClient,
  path: string,
  query: RequestOptions["query"] = {},
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const data = asRecord(await client.get(path, { ...query, page, per_page: PER_PAGE }), "the page");
    const items = asRows(data.items, "the page's items");
    rows.push(...items);
    const total = typeof data.total === "number" ? data.total : undefined;
    if (items.length < PER_PAGE || (total !== undefined && rows.length >= total)) break;
  }
  return rows;
}
