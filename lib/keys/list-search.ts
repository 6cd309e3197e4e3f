import "server-only";
import { db, likeLiteral } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

const sql = Prisma.sql;

/** `total` is counted exactly up to here (SPEC §4); past it, `total_exact` is false. */
export const EXACT_TOTAL_LIMIT = 10_000;

// The owner's newest keys a search looks at first, to learn how common q and its words are.
const SAMPLE_SIZE = 2_000;
// q in at least this share of them: a walk finds 10,001 matches in at most 200,000 keys...
const DENSE_SHARE = 0.05;
const WALK_BUDGET = Math.ceil((EXACT_TOTAL_LIMIT + 1) / DENSE_SHARE);
// ...and a word of q in at most this many is rare enough to be all a trigram index is given.
const RARE_HITS = 10;
// A walk is taken only when the owner's key count predicts this many matches (twice the limit),
// so an owner of fewer keys is not sampled at all.
const WALK_MIN_MATCHES = 2 * EXACT_TOTAL_LIMIT;

/**
 * q: a case-insensitive substring of the name or alias, or a prefix of the start. name_folded and
 * alias_folded hold lower() of each (migration key_search_folded), and q and its words are lowered
 * the same way once, here: the very comparison `name ILIKE '%q%'` makes, without lowering every
 * row it checks. Once means in a query of their own: written into the search, lower() of a
 * parameter is computed for every row a cached generic plan checks (a walk of 200,000 keys took
 * 180 ms instead of 45). The same query reads how many of the owner's names hold q as a word.
 */
async function fold(texts: string[], ownerId: string) {
  const [folded] = await db.$queryRaw<[{ names: string[]; aliases: string[]; holders: number | null; keys: number }]>`
    SELECT array_agg(lower(t COLLATE keydesk_natural) ORDER BY i) AS names, array_agg(lower(t) ORDER BY i) AS aliases,
           (SELECT keys FROM key_name_words WHERE owner_id = ${ownerId}
              AND word = lower(${texts[0]}::text COLLATE keydesk_natural)) AS holders,
           (SELECT key_count FROM users WHERE id = ${ownerId}) AS keys
    FROM unnest(${texts}::text[]) WITH ORDINALITY AS u(t, i)`;
  return { ...folded, holders: folded.holders ?? 0 };
}

const inName = (folded: string) => sql`strpos(k.name_folded, ${folded}) > 0`;
const inAlias = (folded: string) => sql`strpos(k.alias_folded, ${folded}) > 0`;
const contains = (folded: string) => `%${likeLiteral(folded)}%`;

/** Keys whose name or alias holds `name`/`alias`, found by trigrams of the given terms, or whose start begins with q. */
function indexedMatch(q: string, name: string, alias: string, terms = { name, alias }): Prisma.Sql {
  return sql`((k.name_folded LIKE ${contains(terms.name)} AND ${inName(name)})
    OR (k.alias_folded LIKE ${contains(terms.alias)} AND ${inAlias(alias)})
    OR lower(k.start) LIKE ${`${likeLiteral(q.toLowerCase())}%`})`;
}

export type SearchPlan = {
  /** More than EXACT_TOTAL_LIMIT keys match, so they are not counted. */
  exceedsLimit: boolean;
  /** q, in the form the trigram indexes answer. */
  indexed: Prisma.Sql;
};

/**
 * How a search finds its matches. A trigram index must list every candidate before a count can
 * stop: a word in one name in ten took 100 ms at 1,000,000 keys (2026-12-02) in the index alone,
 * and 45 ms more rechecking 10,001 rows. So, in turn:
 *
 * 1. q is a word that more than 10,000 of the owner's names hold (key_name_words): no count.
 * 2. q is in at least 5% of the owner's 2,000 newest keys (one index-only read, ~1 ms, made only
 *    for owners of 20,000 keys or more), and their key count predicts twice the limit: the owner's
 *    keys are walked, newest first, in the index of migration key_search_walk (it holds the folded
 *    name and alias and the status columns), until 10,001 match: ~0.3 µs a key, 30-40 ms.
 *    PostgreSQL prices the trigram scan at a fraction of its cost and would not choose this walk.
 * 3. Otherwise the matches are counted through the trigram indexes. Every trigram of a pattern
 *    must be matched there, and a word every name holds ("key") has a posting list covering every
 *    key: "us key 4242" took 56 ms in the index, "4242" 10 ms, for the same 31 matches. So each
 *    index is given only the word of q (a run of letters and digits: pg_trgm splits at anything
 *    else) rarest in its column among the sampled keys, when it is rare there, and strpos() then
 *    checks the whole of q.
 */
export async function planSearch(
  filter: Prisma.Sql,
  ownerId: string,
  q: string,
  everyStatus: boolean,
): Promise<SearchPlan> {
  const words = [...new Set(q.match(/[\p{L}\p{N}]{3,}/gu) ?? [])];
  const { names, aliases, holders, keys } = await fold([q, ...words], ownerId);
  const [name, alias] = [names[0]!, aliases[0]!];
  if (everyStatus && holders > EXACT_TOTAL_LIMIT) return { exceedsLimit: true, indexed: indexedMatch(q, name, alias) };
  // Too few keys for a walk to be taken, or for any word to cost the index much: no sample.
  if (keys < WALK_MIN_MATCHES) return { exceedsLimit: false, indexed: indexedMatch(q, name, alias) };

  const wordHits = words.flatMap((_, i) => [
    sql`(count(*) FILTER (WHERE ${inName(names[i + 1]!)}))::integer`,
    sql`(count(*) FILTER (WHERE ${inAlias(aliases[i + 1]!)}))::integer`,
  ]);
  const [sample] = await db.$queryRaw<[{ seen: number; hits: number; words: number[] }]>`
    SELECT count(*)::integer AS seen,
           (count(*) FILTER (WHERE ${inName(name)} OR ${inAlias(alias)}))::integer AS hits,
           ARRAY[${Prisma.join([...wordHits, sql`0`])}] AS words
    FROM (SELECT k.name_folded, k.alias_folded FROM api_keys k WHERE ${filter}
          ORDER BY k.created_at DESC LIMIT ${SAMPLE_SIZE}) AS k`;
  // The word fewest sampled keys hold in the column (the longest of those), if few enough hold it.
  const rarest = (folded: string[], column: 0 | 1) => {
    const hits = words.map((_, i) => sample.words[2 * i + column]!);
    const least = Math.min(...hits);
    if (words.length < 2 || least > RARE_HITS) return folded[0]!;
    const candidates = folded.slice(1).filter((_, i) => hits[i] === least);
    return candidates.reduce((longest, word) => (word.length > longest.length ? word : longest));
  };
  const indexed = indexedMatch(q, name, alias, { name: rarest(names, 0), alias: rarest(aliases, 1) });
  const share = sample.seen === SAMPLE_SIZE ? sample.hits / SAMPLE_SIZE : 0;
  if (share < DENSE_SHARE || share * keys < WALK_MIN_MATCHES) return { exceedsLimit: false, indexed };

  // The inner LIMIT bounds the keys walked, the outer one the matches counted. Starts are left
  // out: lower() of each costs a walk of 100,000 keys 45 ms, and names and aliases suffice here.
  const [{ matches }] = await db.$queryRaw<[{ matches: number }]>`
    SELECT count(*)::integer AS matches FROM (
      SELECT 1 FROM (SELECT k.name_folded, k.alias_folded FROM api_keys k WHERE ${filter}
                     ORDER BY k.created_at DESC LIMIT ${WALK_BUDGET}) AS k
      WHERE ${inName(name)} OR ${inAlias(alias)} LIMIT ${EXACT_TOTAL_LIMIT + 1}) AS walked`;
  return { exceedsLimit: matches > EXACT_TOTAL_LIMIT, indexed };
}
