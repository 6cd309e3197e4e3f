-- Key lists at a million keys of one owner (issue 11): every sort of GET /keys reads one index in
-- order, from the start or from a cursor (keyset pagination on (sort key, id)), instead of sorting
-- the owner's whole key set; searches read trigram and prefix indexes; the status counts read
-- small partial indexes. Applied at start, before the server takes requests, so the plain
-- (locking) CREATE INDEX is fine and runs inside the migration's transaction.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- created_at, and id to break ties, so a cursor names one exact position.
DROP INDEX IF EXISTS "api_keys_owner_id_created_at_idx";
CREATE INDEX "api_keys_owner_id_created_at_id_idx" ON "api_keys" ("owner_id", "created_at", "id");

-- name, in its natural collation (the column's own, see key_name_natural_sort).
CREATE INDEX "api_keys_owner_id_name_id_idx" ON "api_keys" ("owner_id", "name", "id");

-- Never-used and never-expiring keys sort last in both directions (SPEC §4's lists), which is not
-- one index read backwards: ascending reads NULL as +infinity, descending as -infinity.
CREATE INDEX "api_keys_owner_last_used_asc_idx" ON "api_keys" ("owner_id", COALESCE("last_used_at", 'infinity'::timestamp), "id");
CREATE INDEX "api_keys_owner_last_used_desc_idx" ON "api_keys" ("owner_id", COALESCE("last_used_at", '-infinity'::timestamp), "id");
CREATE INDEX "api_keys_owner_expires_asc_idx" ON "api_keys" ("owner_id", COALESCE("expires_at", 'infinity'::timestamp), "id");
CREATE INDEX "api_keys_owner_expires_desc_idx" ON "api_keys" ("owner_id", COALESCE("expires_at", '-infinity'::timestamp), "id");

-- q: a case-insensitive substring of the name or alias (ILIKE '%q%'), or a prefix of the start.
CREATE INDEX "api_keys_name_trgm_idx" ON "api_keys" USING gin ("name" gin_trgm_ops);
CREATE INDEX "api_keys_alias_trgm_idx" ON "api_keys" USING gin ("alias" gin_trgm_ops);
CREATE INDEX "api_keys_owner_start_prefix_idx" ON "api_keys" ("owner_id", lower("start") text_pattern_ops);

-- status: active and expired keys are the unrevoked ones on either side of now; revoked ones have a stamp.
-- Never-expiring and latest-expiring first, so counting active keys reads only active entries.
CREATE INDEX "api_keys_owner_unrevoked_expiry_idx" ON "api_keys" ("owner_id", "expires_at" DESC NULLS FIRST) WHERE "revoked_at" IS NULL;
CREATE INDEX "api_keys_owner_revoked_idx" ON "api_keys" ("owner_id", "created_at", "id") WHERE "revoked_at" IS NOT NULL;
