-- last_used_at moves out of api_keys into the narrow table that already held its order (issue 11).
-- A last-used flush wrote each key twice: a heap-only update of its api_keys row (about 300 bytes
-- copied and logged), then, through a statement trigger over that update's transition table, its
-- row here. Timed alone on a fresh 100,000-key database (2026-12-02), flushes of 30,000 uses: 1.6
-- s of PostgreSQL CPU as before, 0.8–1.1 s writing only this table. And api_keys, which every
-- verify lookup and every list reads, no longer takes a write per use, so its pages need no room
-- for them (fillfactor back to the default) and stay compact.
ALTER TABLE "key_last_used_order" RENAME TO "key_last_used";
ALTER TABLE "key_last_used" RENAME CONSTRAINT "key_last_used_order_pkey" TO "key_last_used_pkey";
ALTER TABLE "key_last_used" RENAME CONSTRAINT "key_last_used_order_key_id_fkey" TO "key_last_used_key_id_fkey";
ALTER INDEX "key_last_used_order_asc_idx" RENAME TO "key_last_used_asc_idx";
ALTER INDEX "key_last_used_order_desc_idx" RENAME TO "key_last_used_desc_idx";

-- The trigger kept the two in step; this only guards against a write that bypassed it.
UPDATE "key_last_used" AS o SET "last_used_at" = k."last_used_at"
FROM "api_keys" AS k
WHERE o."key_id" = k."id" AND o."last_used_at" IS DISTINCT FROM k."last_used_at";

DROP TRIGGER "api_keys_order_used" ON "api_keys";
DROP FUNCTION keydesk_order_used_keys();

-- A new key's row, never used.
DROP TRIGGER "api_keys_order_inserted" ON "api_keys";
DROP FUNCTION keydesk_order_inserted_keys();
CREATE FUNCTION keydesk_last_used_inserted_keys() RETURNS trigger AS $$
BEGIN
  INSERT INTO "key_last_used" ("key_id", "owner_id") SELECT "id", "owner_id" FROM inserted_keys;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "api_keys_last_used_inserted"
  AFTER INSERT ON "api_keys" REFERENCING NEW TABLE AS inserted_keys
  FOR EACH STATEMENT EXECUTE FUNCTION keydesk_last_used_inserted_keys();

-- The sort indexes lead with the owner. Keydesk never moves a key to another owner, but a write
-- that did would otherwise leave the key sorted among its old owner's.
CREATE FUNCTION keydesk_last_used_follow_owner() RETURNS trigger AS $$
BEGIN
  UPDATE "key_last_used" SET "owner_id" = NEW."owner_id" WHERE "key_id" = NEW."id";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "api_keys_last_used_owner"
  AFTER UPDATE OF "owner_id" ON "api_keys"
  FOR EACH ROW WHEN (OLD."owner_id" IS DISTINCT FROM NEW."owner_id")
  EXECUTE FUNCTION keydesk_last_used_follow_owner();

ALTER TABLE "api_keys" DROP COLUMN "last_used_at";
-- Pages written from now on are filled; existing ones keep their room until rewritten.
ALTER TABLE "api_keys" RESET (fillfactor);
