-- A search for a word that tens of thousands of an owner's names hold (issue 11): the trigram
-- index must list every candidate before a capped count can stop, 100 ms at 1,000,000 keys for a
-- word in one name in ten, and 45 ms more rechecking 10,001 of them in the table (2026-12-02).
-- Such a search now walks the owner's keys newest first until 10,001 match (lib/keys/list-search.ts),
-- in this index, which the created_at sort already reads. It now also carries what that walk
-- checks (the folded name and alias) and what the status filters read, so the walk never visits
-- the table: about 0.3 µs a key, 30-40 ms for the same word.
--
-- None of these columns changes on a last-used write, which stays heap-only (key_last_used_order).
DROP INDEX IF EXISTS "api_keys_owner_id_created_at_id_idx";
CREATE INDEX "api_keys_owner_id_created_at_id_idx" ON "api_keys" ("owner_id", "created_at", "id")
  INCLUDE ("name_folded", "alias_folded", "revoked_at", "expires_at");
