-- Searching a million keys of one owner (issue 11): `q` matched name ILIKE '%q%', and PostgreSQL's
-- ILIKE lower-cases both sides on every row it checks, through ICU for the name's collation
-- (keydesk_natural): about 1 µs a row, and the capped count of a common word checks 10,001 rows
-- twice (the bitmap's recheck and the filter). Measured at 200,000 keys (2026-12-02, a loaded
-- machine): the capped count of `billing` (20,000 matches) took 59-67 ms, 8-13 ms of it in the
-- trigram index and the rest rechecking 10,001 rows; 25-37 ms once the rechecks are a plain LIKE of
-- stored lower-cased text. The lower-cased name and alias are now stored beside the
-- originals, computed once per write, and a search is a plain LIKE of the lower-cased pattern:
-- exactly what ILIKE compares (lower() of both sides, in the column's own collation), without
-- computing it per row.
--
-- Stored generated columns: every writer keeps them right without knowing of them. Adding them
-- rewrites api_keys once (at start, before the server takes requests; the rewrite also gives every
-- page the fillfactor of key_last_used_order's migration). They are in no index shared with
-- last_used_at, and a last-used write leaves them unchanged, so those writes stay heap-only.
ALTER TABLE "api_keys"
  ADD COLUMN "name_folded" TEXT GENERATED ALWAYS AS (lower("name")) STORED,
  ADD COLUMN "alias_folded" TEXT GENERATED ALWAYS AS (lower("alias")) STORED;

-- Trigram indexes with the owner (btree_gin ships with PostgreSQL), replacing the table-wide ILIKE
-- ones of key_list_indexes. GIN keeps owner_id as entries of their own, so a search intersects the
-- trigrams' posting lists with the owner's: a small account's search visits only its own keys'
-- positions in them, and the recheck needs no owner filter. Measured at 200,000 + 1,000 keys
-- (2026-12-02, through GET /keys): the 1,000-key account's rare-name search 6 ms p50 against 16 ms
-- with table-wide trigram indexes; the large account's searches the same either way (a common
-- word 52 against 50 ms, a rare name 19 against 21 ms), though its own trigram scan alone reads
-- more with the owner in the index (billing 15 against 8 ms in EXPLAIN ANALYZE).
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX "api_keys_owner_name_folded_trgm_idx" ON "api_keys" USING gin ("owner_id", "name_folded" gin_trgm_ops);
CREATE INDEX "api_keys_owner_alias_folded_trgm_idx" ON "api_keys" USING gin ("owner_id", "alias_folded" gin_trgm_ops);
DROP INDEX IF EXISTS "api_keys_name_trgm_idx";
DROP INDEX IF EXISTS "api_keys_alias_trgm_idx";
