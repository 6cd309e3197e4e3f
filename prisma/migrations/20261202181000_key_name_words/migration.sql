-- key_name_words: how many of an owner's keys hold each word of their names (issue 11). A search
-- for a whole word is a substring search like any other, but a word held by more than 10,000 of
-- the owner's names proves, from one row, that more than 10,000 keys match: the total is then
-- inexact (SPEC §4) and no count is needed, where walking keys to find 10,001 matches took 30-40 ms
-- at 1,000,000 keys (2026-12-02). Only a lower bound is ever read from it, so a word is a run of
-- letters and digits holding a letter (numbered names would add a row per key otherwise).
--
-- Its rows are kept by the triggers of api_keys alone, and none outlives the keys it counts: a
-- user's delete cascades to their keys, whose delete trigger takes each word to 0 and removes it.
-- A foreign key to users would instead let that cascade reach this table first.
CREATE TABLE "key_name_words" (
  "owner_id" TEXT NOT NULL,
  "word" TEXT NOT NULL,
  "keys" INTEGER NOT NULL,
  PRIMARY KEY ("owner_id", "word")
);

CREATE FUNCTION keydesk_name_words(name_folded TEXT) RETURNS TEXT[] AS $$
  SELECT coalesce(array_agg(DISTINCT word), '{}') FROM regexp_split_to_table(name_folded, '[^[:alnum:]]+') AS word
  WHERE word ~ '[[:alpha:]]';
$$ LANGUAGE sql IMMUTABLE STRICT;

-- One statement, its rows in (owner, word) order: two writers touching the same words cannot deadlock.
CREATE FUNCTION keydesk_change_name_words(owners TEXT[], words TEXT[], changes INTEGER[]) RETURNS void AS $$
  INSERT INTO "key_name_words" AS t ("owner_id", "word", "keys")
  SELECT owner_id, word, change FROM unnest(owners, words, changes) AS d(owner_id, word, change)
  ORDER BY owner_id, word
  ON CONFLICT ("owner_id", "word") DO UPDATE SET "keys" = t."keys" + excluded."keys";
  DELETE FROM "key_name_words" AS t USING unnest(owners, words, changes) AS d(owner_id, word, change)
  WHERE d.change < 0 AND t."owner_id" = d.owner_id AND t."word" = d.word AND t."keys" <= 0;
$$ LANGUAGE sql;

INSERT INTO "key_name_words" ("owner_id", "word", "keys")
SELECT k."owner_id", w.word, count(*)::integer
FROM "api_keys" AS k, unnest(keydesk_name_words(k."name_folded")) AS w(word) GROUP BY 1, 2;

-- Inserts and deletes (a user's delete cascades all of theirs) by statement, with transition tables.
CREATE FUNCTION keydesk_name_words_inserted() RETURNS trigger AS $$
BEGIN
  PERFORM keydesk_change_name_words(array_agg(owner_id), array_agg(word), array_agg(n))
  FROM (SELECT k."owner_id", w.word, count(*)::integer AS n
        FROM inserted_keys AS k, unnest(keydesk_name_words(k."name_folded")) AS w(word) GROUP BY 1, 2) AS c;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_keys_name_words_inserted
  AFTER INSERT ON "api_keys" REFERENCING NEW TABLE AS inserted_keys
  FOR EACH STATEMENT EXECUTE FUNCTION keydesk_name_words_inserted();

CREATE FUNCTION keydesk_name_words_deleted() RETURNS trigger AS $$
BEGIN
  PERFORM keydesk_change_name_words(array_agg(owner_id), array_agg(word), array_agg(-n))
  FROM (SELECT k."owner_id", w.word, count(*)::integer AS n
        FROM deleted_keys AS k, unnest(keydesk_name_words(k."name_folded")) AS w(word) GROUP BY 1, 2) AS c;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_keys_name_words_deleted
  AFTER DELETE ON "api_keys" REFERENCING OLD TABLE AS deleted_keys
  FOR EACH STATEMENT EXECUTE FUNCTION keydesk_name_words_deleted();

-- A rename, by row: a statement trigger on UPDATE would run for every last-used flush, and
-- PostgreSQL allows no column list on a trigger with transition tables.
CREATE FUNCTION keydesk_name_words_renamed() RETURNS trigger AS $$
BEGIN
  PERFORM keydesk_change_name_words(array_agg(NEW."owner_id"), array_agg(word), array_agg(change))
  FROM (SELECT word, sum(change)::integer AS change
        FROM (SELECT unnest(keydesk_name_words(NEW."name_folded")) AS word, 1 AS change
              UNION ALL SELECT unnest(keydesk_name_words(OLD."name_folded")), -1) AS c
        GROUP BY word HAVING sum(change) <> 0) AS d;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_keys_name_words_renamed
  AFTER UPDATE OF "name" ON "api_keys"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name")
  EXECUTE FUNCTION keydesk_name_words_renamed();
