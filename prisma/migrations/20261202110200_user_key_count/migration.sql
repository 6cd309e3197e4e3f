-- users.key_count: the admin user list shows each user's key count without counting a million
-- rows per user per page. Statement-level triggers with transition tables keep it in step, one
-- UPDATE per statement however many keys it inserts or deletes (a user's delete cascades all of
-- theirs at once). Existing rows are counted here, so a database that already has keys keeps them
-- and gets the right counts.
ALTER TABLE "users" ADD COLUMN "key_count" INTEGER NOT NULL DEFAULT 0;

UPDATE "users" AS u SET "key_count" = c.n
FROM (SELECT "owner_id", count(*)::integer AS n FROM "api_keys" GROUP BY "owner_id") AS c
WHERE u."id" = c."owner_id";

CREATE OR REPLACE FUNCTION keydesk_count_inserted_keys() RETURNS trigger AS $$
BEGIN
  UPDATE "users" AS u SET "key_count" = u."key_count" + c.n
  FROM (SELECT "owner_id", count(*)::integer AS n FROM inserted_keys GROUP BY "owner_id") AS c
  WHERE u."id" = c."owner_id";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_keys_count_inserted
  AFTER INSERT ON "api_keys" REFERENCING NEW TABLE AS inserted_keys
  FOR EACH STATEMENT EXECUTE FUNCTION keydesk_count_inserted_keys();

CREATE OR REPLACE FUNCTION keydesk_count_deleted_keys() RETURNS trigger AS $$
BEGIN
  UPDATE "users" AS u SET "key_count" = u."key_count" - c.n
  FROM (SELECT "owner_id", count(*)::integer AS n FROM deleted_keys GROUP BY "owner_id") AS c
  WHERE u."id" = c."owner_id";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_keys_count_deleted
  AFTER DELETE ON "api_keys" REFERENCING OLD TABLE AS deleted_keys
  FOR EACH STATEMENT EXECUTE FUNCTION keydesk_count_deleted_keys();

-- Keys do not change owner in Keydesk, but a row trigger limited to owner_id costs other updates
-- (such as the last-used flush) nothing and keeps the count right if one ever does.
CREATE OR REPLACE FUNCTION keydesk_count_moved_key() RETURNS trigger AS $$
BEGIN
  UPDATE "users" SET "key_count" = "key_count" - 1 WHERE "id" = OLD."owner_id";
  UPDATE "users" SET "key_count" = "key_count" + 1 WHERE "id" = NEW."owner_id";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_keys_count_moved
  AFTER UPDATE OF "owner_id" ON "api_keys"
  FOR EACH ROW WHEN (OLD."owner_id" IS DISTINCT FROM NEW."owner_id")
  EXECUTE FUNCTION keydesk_count_moved_key();
