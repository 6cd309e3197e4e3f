-- Verification writes last_used_at (at most once a minute per key), and under many keys each used
-- now and then that is one row write per verification. While last_used_at was in two of api_keys'
-- fifteen indexes, every such write was a non-HOT update that added an entry to all fifteen
-- (trigram GIN ones included): measured on the verify bench's cold workload (2026-12-02), 280 µs of
-- PostgreSQL CPU per verification against 136 µs once the write was a heap-only (HOT) update.
-- So the last-used sorts of GET /keys read a narrow table of their own, kept in step by statement
-- triggers, and api_keys keeps free room in its pages (fillfactor) for HOT updates of last_used_at.
-- api_keys.last_used_at stays the one place every other reader looks.

CREATE TABLE "key_last_used_order" (
  "key_id" TEXT PRIMARY KEY REFERENCES "api_keys" ("id") ON DELETE CASCADE,
  "owner_id" TEXT NOT NULL,
  "last_used_at" TIMESTAMP(3)
);

INSERT INTO "key_last_used_order" ("key_id", "owner_id", "last_used_at")
SELECT "id", "owner_id", "last_used_at" FROM "api_keys";

-- Never-used keys sort last in both directions (SPEC §4), as the dropped api_keys indexes did.
CREATE INDEX "key_last_used_order_asc_idx" ON "key_last_used_order" ("owner_id", COALESCE("last_used_at", 'infinity'::timestamp), "key_id");
CREATE INDEX "key_last_used_order_desc_idx" ON "key_last_used_order" ("owner_id", COALESCE("last_used_at", '-infinity'::timestamp), "key_id");
DROP INDEX IF EXISTS "api_keys_owner_last_used_asc_idx";
DROP INDEX IF EXISTS "api_keys_owner_last_used_desc_idx";

CREATE OR REPLACE FUNCTION keydesk_order_inserted_keys() RETURNS trigger AS $$
BEGIN
  INSERT INTO "key_last_used_order" ("key_id", "owner_id", "last_used_at")
  SELECT "id", "owner_id", "last_used_at" FROM inserted_keys;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_keys_order_inserted
  AFTER INSERT ON "api_keys" REFERENCING NEW TABLE AS inserted_keys
  FOR EACH STATEMENT EXECUTE FUNCTION keydesk_order_inserted_keys();

-- One statement per flush however many keys it writes; deletes cascade through the foreign key.
-- (A trigger with transition tables cannot name columns, so it runs after every update of
-- api_keys and writes only rows whose last use or owner changed.)
CREATE OR REPLACE FUNCTION keydesk_order_used_keys() RETURNS trigger AS $$
BEGIN
  UPDATE "key_last_used_order" AS o SET "last_used_at" = u."last_used_at", "owner_id" = u."owner_id"
  FROM used_keys AS u
  WHERE o."key_id" = u."id"
    AND (o."last_used_at" IS DISTINCT FROM u."last_used_at" OR o."owner_id" <> u."owner_id");
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_keys_order_used
  AFTER UPDATE ON "api_keys" REFERENCING NEW TABLE AS used_keys
  FOR EACH STATEMENT EXECUTE FUNCTION keydesk_order_used_keys();

-- Takes effect for pages written from now on (a fresh database's, or new keys'); existing pages
-- gain room as rows move. A rewrite (VACUUM FULL) would lock the table, so none is done here.
ALTER TABLE "api_keys" SET (fillfactor = 85);

-- The change notification ran a PL/pgSQL function for every row of every last-used flush only to
-- find nothing worth announcing; the trigger's WHEN clause now decides that without calling it.
CREATE OR REPLACE FUNCTION keydesk_notify_key_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('keydesk_key_change', OLD.hash);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER "api_keys_notify_change" ON "api_keys";

CREATE TRIGGER "api_keys_notify_change"
  AFTER UPDATE ON "api_keys"
  FOR EACH ROW
  WHEN (NEW.hash IS DISTINCT FROM OLD.hash
     OR NEW.owner_id IS DISTINCT FROM OLD.owner_id
     OR NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
     OR NEW.expires_at IS DISTINCT FROM OLD.expires_at
     OR NEW.scopes IS DISTINCT FROM OLD.scopes)
  EXECUTE FUNCTION keydesk_notify_key_change();

CREATE TRIGGER "api_keys_notify_delete"
  AFTER DELETE ON "api_keys"
  FOR EACH ROW EXECUTE FUNCTION keydesk_notify_key_change();
