-- A usage flush must not write counts for a key deleted since they were counted (the delete's
-- trigger has already removed the key's rows, and nothing would remove these). The flush used to
-- probe api_keys' primary key for every row it wrote: 4.5-5.5 µs of PostgreSQL CPU per row, about a
-- third of a new row's cost, on the verify bench's cold path where nearly every verification is a
-- key's first in its hour (2026-12-02, 100,000 keys, flushes of 60,000 rows, medians of 9).
--
-- Instead the delete trigger lists the deleted ids here, and the flush leaves out the listed ones:
-- a hashed anti-join against a handful of rows, 0-1 µs per row (the same measurement, with 0 and
-- with 5,000 listed ids). An id is needed only while a process may still hold counts of it: a flush
-- runs at least once a minute, and one that fails keeps its counts for the next. Each delete
-- statement removes the ids listed more than ten minutes ago, so the table holds the last ten
-- minutes' deletes. Counts held longer (a process cut off from the database for that long, that
-- verified a key deleted meanwhile) are written and stay until their hour is pruned: read by no
-- key's page, they count in the admin's totals (those verifications did happen).
CREATE TABLE "recently_deleted_keys" (
  "id" TEXT PRIMARY KEY,
  "deleted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);

CREATE OR REPLACE FUNCTION keydesk_delete_usage_of_deleted_keys() RETURNS trigger AS $$
BEGIN
  DELETE FROM "key_usage" AS u USING deleted_keys AS d WHERE u."key_id" = d."id";
  DELETE FROM "recently_deleted_keys" WHERE "deleted_at" < now() - interval '10 minutes';
  INSERT INTO "recently_deleted_keys" ("id") SELECT d."id" FROM deleted_keys AS d
    ON CONFLICT ("id") DO UPDATE SET "deleted_at" = excluded."deleted_at";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
