-- What a usage flush writes per new key and hour (issues 11 and 15): on the verify bench's cold
-- path nearly every verification is a key's first in its hour, so each one cost a key_usage row, an
-- entry in its primary key, an entry in a B-tree by hour and a foreign-key check. That check reads
-- the key's row and locks it (FOR KEY SHARE), which writes the lock into api_keys' page as well.
--
-- The foreign key is replaced by a statement trigger that deletes a deleted key's rows, as its
-- cascade did (a user's delete cascades to their keys, and so on to here). The flush already joins
-- api_keys and writes no row for a key deleted before it. A flush racing a delete can leave the
-- deleted key's last hour behind: read by no key's page, it still counts in the admin's totals
-- (those verifications did happen) until it is pruned with its hour.
--
-- The index by hour serves only range reads (pruning, the admin's totals by day), of rows written
-- in hour order: a BRIN index answers them from one entry per 128 pages, and a flush adds nothing
-- to it for rows in pages not yet summarized.
ALTER TABLE "key_usage" DROP CONSTRAINT "key_usage_key_id_fkey";

DROP INDEX "key_usage_hour_idx";
CREATE INDEX "key_usage_hour_idx" ON "key_usage" USING brin ("hour");

CREATE FUNCTION keydesk_delete_usage_of_deleted_keys() RETURNS trigger AS $$
BEGIN
  DELETE FROM "key_usage" AS u USING deleted_keys AS d WHERE u."key_id" = d."id";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_keys_usage_deleted
  AFTER DELETE ON "api_keys" REFERENCING OLD TABLE AS deleted_keys
  FOR EACH STATEMENT EXECUTE FUNCTION keydesk_delete_usage_of_deleted_keys();
