import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { keySelect, toKeyDto, type KeyDto } from "@/lib/keys/dto";
import { encodeKeyCursor, type KeyCursor } from "@/lib/keys/list-cursor";
import { EXACT_TOTAL_LIMIT, planSearch } from "@/lib/keys/list-search";
import type { ListKeysQuery } from "@/lib/keys/schemas";
import { authorizeOwner } from "@/lib/keys/service";

export type KeyPage = {
  items: KeyDto[];
  /** Exact when total_exact; otherwise at least EXACT_TOTAL_LIMIT. */
  total: number;
  total_exact: boolean;
  /** null when the page was asked for by cursor. */
  page: number | null;
  per_page: number;
  next_cursor: string | null;
};

/** A page's key id with its raw sort column (not the sort expression: NULL stays NULL). */
type PositionRow = { id: string; position: Date | string | null };

const cursorText = (position: PositionRow["position"]) =>
  position instanceof Date ? position.toISOString() : position;

type SortColumn = "created_at" | "name" | "last_used_at" | "expires_at";
type Direction = "asc" | "desc";

const sql = Prisma.sql;
// The instant of `value`, in the columns' convention: timestamps without time zone, in UTC.
const utc = (value: string | Date | null) =>
  sql`(${value instanceof Date ? value.toISOString() : value}::timestamptz AT TIME ZONE 'UTC')`;

/** Which table's column a sort reads: `o` is key_last_used (see sortedKeys). */
const sortTable = (column: SortColumn) => (column === "last_used_at" ? "o" : "k");

/**
 * What each sort orders by, written exactly as its index in the key_list_indexes and
 * key_last_used_order migrations so the planner reads that index in order. Never-used and
 * never-expiring keys sort last in both directions: NULL reads as +infinity ascending and as
 * -infinity descending. Last use is ordered by its own table `o` (see sortedKeys).
 */
function sortExpression(column: SortColumn, direction: Direction): Prisma.Sql {
  if (column === "created_at" || column === "name") return Prisma.raw(`k.${column}`);
  const fill = direction === "asc" ? "'infinity'::timestamp" : "'-infinity'::timestamp";
  return Prisma.raw(`COALESCE(${sortTable(column)}.${column}, ${fill})`);
}

/**
 * The rows a sort reads. last_used_at, which verification's flushes write, is not in api_keys but
 * in key_last_used (migration key_last_used), whose owner-first indexes the planner walks for the
 * last-used sorts, joining each key by its primary key.
 */
function sortedKeys(column: SortColumn, ownerId: string, keys: Prisma.Sql = sql`api_keys`): Prisma.Sql {
  if (column !== "last_used_at") return sql`${keys} k`;
  return sql`key_last_used o JOIN ${keys} k ON k.id = o.key_id AND o.owner_id = ${ownerId}`;
}

/** The key id as the sort's index holds it, so ties are broken inside that index. */
const tieBreaker = (column: SortColumn) => Prisma.raw(column === "last_used_at" ? "o.key_id" : "k.id");

/** The cursor's sort value as the same expression over literals, for a row comparison. */
function cursorValue(column: SortColumn, direction: Direction, value: string | null): Prisma.Sql {
  if (column === "name") return sql`${value}`;
  if (column === "created_at") return utc(value);
  const fill = direction === "asc" ? "'infinity'::timestamp" : "'-infinity'::timestamp";
  return sql`COALESCE(${utc(value)}, ${Prisma.raw(fill)})`;
}

function statusCondition(status: ListKeysQuery["status"], now: Date): Prisma.Sql {
  switch (status) {
    case "active":
      return sql`k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ${utc(now)})`;
    case "revoked":
      return sql`k.revoked_at IS NOT NULL`;
    case "expired":
      return sql`k.revoked_at IS NULL AND k.expires_at <= ${utc(now)}`;
    case "all":
      return sql`TRUE`;
  }
}

/** Exact up to the limit: counting stops at the first EXACT_TOTAL_LIMIT + 1 matches. */
async function cappedTotal(where: Prisma.Sql): Promise<number> {
  const [{ matches }] = await db.$queryRaw<[{ matches: number }]>`
    SELECT count(*)::integer AS matches FROM (SELECT 1 FROM api_keys k WHERE ${where} LIMIT ${EXACT_TOTAL_LIMIT + 1}) AS capped`;
  return matches;
}

type PageShape = { column: SortColumn; direction: Direction; ownerId: string; after: Prisma.Sql; query: ListKeysQuery };

/** One page's ids, with one more to tell whether another page follows, read from `keys` in sort order. */
function pageRows({ column, direction, ownerId, after, query }: PageShape, keys?: Prisma.Sql): Prisma.Sql {
  const descending = Prisma.raw(direction === "desc" ? "DESC" : "ASC");
  return sql`
    SELECT k.id, ${Prisma.raw(`${sortTable(column)}.${column}`)} AS position FROM ${sortedKeys(column, ownerId, keys)}
    WHERE ${after}
    ORDER BY ${sortExpression(column, direction)} ${descending}, ${tieBreaker(column)} ${descending}
    LIMIT ${query.per_page + 1} OFFSET ${query.cursor ? 0 : (query.page - 1) * query.per_page}`;
}

// What a page sorted from a search's matches reads of each (pageRows over `matches`): the id, and
// the columns of api_keys that a sort or a cursor compares.
const MATCH_COLUMNS = sql`k.id, k.created_at, k.name, k.expires_at`;

/**
 * A search reads its matches once (a search's cost is finding them: trigram posting lists and a
 * recheck per candidate), up to EXACT_TOTAL_LIMIT + 1 of them, and counts them. When that is all of
 * them, the page is sorted from those same rows; only past the limit is the page read again, by
 * the sort's index (null here).
 */
async function searchPage(
  shape: PageShape,
  where: Prisma.Sql,
): Promise<{ matches: number; rows: PositionRow[] | null }> {
  const results = await db.$queryRaw<(PositionRow & { matches: number | null })[]>`
    WITH matches AS MATERIALIZED (
      SELECT ${MATCH_COLUMNS} FROM api_keys k WHERE ${where} LIMIT ${EXACT_TOTAL_LIMIT + 1}
    ), counted AS (SELECT count(*)::integer AS matches FROM matches)
    SELECT NULL AS id, NULL AS position, matches, 0 AS rank FROM counted
    UNION ALL
    SELECT page.id, page.position, NULL, row_number() OVER ()::integer AS rank
    FROM (${pageRows({ ...shape, after: sql`(SELECT matches FROM counted) <= ${EXACT_TOTAL_LIMIT} AND ${shape.after}` }, sql`matches`)}) AS page
    ORDER BY rank`;
  const [{ matches }, ...rows] = results;
  return { matches: matches!, rows: matches! > EXACT_TOTAL_LIMIT ? null : rows };
}

// A search past the limit walks at most this many keys in sort order for its page (see pastLimitPage).
const WALK_LIMIT = 10_000;

/**
 * The page of a search with more than EXACT_TOTAL_LIMIT matches, which are not all read. Walking
 * the sort's index and checking each key is quick while the matches are spread through the sort
 * order, but slow when they sort last (`billing` by `-name` walked 700,000 of 1,000,000 keys: 6-7
 * s); and PostgreSQL, unable to tell, may instead read every candidate a common trigram has (`key
 * 1`: 1.4-1.6 s). So the walk stops after WALK_LIMIT keys, and when they hold too few matches for
 * the page, the page is sorted from all the matches, found through the trigram indexes.
 */
async function pastLimitPage(shape: PageShape, filter: Prisma.Sql, indexed: Prisma.Sql): Promise<PositionRow[]> {
  const { column, direction, ownerId, after, query } = shape;
  const descending = Prisma.raw(direction === "desc" ? "DESC" : "ASC");
  const wanted = query.per_page + 1;
  // The outer ORDER BY names the walk's own output order, so PostgreSQL stops at the page's last row.
  const walked = await db.$queryRaw<PositionRow[]>`
    SELECT id, position FROM (
      SELECT k.id, ${Prisma.raw(`${sortTable(column)}.${column}`)} AS position, ${sortExpression(column, direction)} AS sort_value,
             ${tieBreaker(column)} AS tie, ${indexed} AS hit
      FROM ${sortedKeys(column, ownerId)} WHERE ${filter} AND ${after}
      ORDER BY ${sortExpression(column, direction)} ${descending}, ${tieBreaker(column)} ${descending}
      LIMIT ${WALK_LIMIT}) AS walk
    WHERE hit ORDER BY sort_value ${descending}, tie ${descending}
    LIMIT ${wanted} OFFSET ${query.cursor ? 0 : (query.page - 1) * query.per_page}`;
  if (walked.length === wanted) return walked;
  return db.$queryRaw<PositionRow[]>`
    WITH matches AS MATERIALIZED (SELECT ${MATCH_COLUMNS} FROM api_keys k WHERE ${filter} AND ${indexed})
    ${pageRows(shape, sql`matches`)}`;
}

/**
 * GET /keys and an admin's GET /admin/users/{user}/keys: filtered, sorted and paged in the database.
 * The page's ids come from one read of the sort's index (from the start, an OFFSET at most
 * MAX_PAGE_DEPTH deep, or the cursor's position) with the capped count beside it, or for a search
 * from its matches (searchPage), or past EXACT_TOTAL_LIMIT of them (found by planSearch without
 * counting, or by searchPage's count) by pastLimitPage; the key objects are then read by id.
 */
export async function listKeys(caller: Caller, ownerId: string, query: ListKeysQuery): Promise<KeyPage> {
  await authorizeOwner(caller, ownerId, "keys:read");
  const direction: Direction = query.sort.startsWith("-") ? "desc" : "asc";
  const column = query.sort.replace(/^-/, "") as SortColumn;
  const filter = sql`k.owner_id = ${ownerId} AND ${statusCondition(query.status, new Date())}`;
  const after = query.cursor ? afterCursor(query.cursor, column, direction) : sql`TRUE`;
  const shape: PageShape = { column, direction, ownerId, after, query };
  const byIndex = (where: Prisma.Sql) =>
    db.$queryRaw<PositionRow[]>(pageRows({ ...shape, after: sql`${where} AND ${after}` }));

  let idRows: PositionRow[];
  let matches: number;
  if (query.q) {
    const { exceedsLimit, indexed } = await planSearch(filter, ownerId, query.q, query.status === "all");
    const search = exceedsLimit ? null : await searchPage(shape, sql`${filter} AND ${indexed}`);
    matches = search?.matches ?? EXACT_TOTAL_LIMIT + 1;
    idRows = search?.rows ?? (await pastLimitPage(shape, filter, indexed));
  } else {
    [idRows, matches] = await Promise.all([byIndex(filter), cappedTotal(filter)]);
  }
  const ids = idRows.slice(0, query.per_page).map((row) => row.id);
  const rows = ids.length === 0 ? [] : await db.apiKey.findMany({ where: { id: { in: ids } }, select: keySelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  // A key deleted between the two reads is simply left out of this page.
  const ordered = ids.flatMap((id) => byId.get(id) ?? []);
  const last = idRows.length > query.per_page ? idRows[query.per_page - 1] : undefined;
  return {
    items: ordered.map(toKeyDto),
    total: Math.min(matches, EXACT_TOTAL_LIMIT),
    total_exact: matches <= EXACT_TOTAL_LIMIT,
    page: query.cursor ? null : query.page,
    per_page: query.per_page,
    next_cursor: last ? encodeKeyCursor({ sort: query.sort, value: cursorText(last.position), id: last.id }) : null,
  };
}

/** Rows after the cursor's position in the sort order, as one row comparison the index can seek to. */
function afterCursor(cursor: KeyCursor, column: SortColumn, direction: Direction): Prisma.Sql {
  const comparison = Prisma.raw(direction === "desc" ? "<" : ">");
  return sql`(${sortExpression(column, direction)}, ${tieBreaker(column)}) ${comparison} (${cursorValue(column, direction, cursor.value)}, ${cursor.id})`;
}
