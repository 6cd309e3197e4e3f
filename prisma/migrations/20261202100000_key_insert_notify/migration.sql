-- Instances also remember, for a few seconds, hashes that were looked up and not found (a negative
-- cache). A key created on one instance must not stay hidden behind another's entry, so inserts
-- announce their hash (as 'new:<hash>') on the same channel as updates and deletes.

CREATE OR REPLACE FUNCTION keydesk_notify_key_insert() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('keydesk_key_change', 'new:' || NEW.hash);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_keys_notify_insert
  AFTER INSERT ON "api_keys"
  FOR EACH ROW EXECUTE FUNCTION keydesk_notify_key_insert();
