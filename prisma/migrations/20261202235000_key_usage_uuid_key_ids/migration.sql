-- A usage flush compares key ids for every row it writes: in the sort that orders its rows, twice
-- in the primary key (the conflict check, then the insert) and in the anti-join with the recently
-- deleted ids. As text each comparison went through the database's collation (C.UTF-8 on the
-- embedded server, often en_US.UTF-8 elsewhere: the C library's strcoll, and no abbreviated keys
-- in the sort), over 36 characters. Keydesk's key ids are uuids (Prisma's uuid(7)), so these two
-- tables now store them as uuid: 16 bytes compared with memcmp, and a primary key 40% smaller.
-- Measured 2026-12-02 on 100,000 keys with ten hours of history, flushes of 60,000 new rows,
-- PostgreSQL backend CPU per row, forms interleaved, medians of 12 and of 20: the previous table and
-- statement 13.3-14.7 µs; with uuid ids and the flush reading array literals 8.5-8.8 µs; the same
-- statement on text ids under COLLATE "C" 12.2-15.5 µs.
--
-- api_keys.id stays text. The delete trigger converts a deleted key's id with keydesk_key_uuid,
-- which gives null for text that is not a uuid (no such key can have counts), where a plain cast
-- would fail the key's delete.
CREATE FUNCTION keydesk_key_uuid(id text) RETURNS uuid IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE WHEN id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN id::uuid END
$$;

-- Rewrites both tables and rebuilds their primary keys (key_usage keeps fillfactor 70). Rows of an
-- id that is not a uuid cannot be converted and are dropped: only a key inserted by hand has one.
DELETE FROM "key_usage" WHERE keydesk_key_uuid("key_id") IS NULL;
ALTER TABLE "key_usage" ALTER COLUMN "key_id" TYPE uuid USING "key_id"::uuid;
DELETE FROM "recently_deleted_keys" WHERE keydesk_key_uuid("id") IS NULL;
ALTER TABLE "recently_deleted_keys" ALTER COLUMN "id" TYPE uuid USING "id"::uuid;

CREATE OR REPLACE FUNCTION keydesk_delete_usage_of_deleted_keys() RETURNS trigger AS $$
BEGIN
  DELETE FROM "key_usage" AS u USING deleted_keys AS d WHERE u."key_id" = keydesk_key_uuid(d."id");
  DELETE FROM "recently_deleted_keys" WHERE "deleted_at" < now() - interval '10 minutes';
  INSERT INTO "recently_deleted_keys" ("id")
    SELECT keydesk_key_uuid(d."id") FROM deleted_keys AS d WHERE keydesk_key_uuid(d."id") IS NOT NULL
    ON CONFLICT ("id") DO UPDATE SET "deleted_at" = excluded."deleted_at";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
