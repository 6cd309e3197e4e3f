-- Every app process caches verified keys; these triggers tell all of them (LISTEN keydesk_key_change)
-- when a key or its owner changes, in the same transaction as the change. Payload: the key hash,
-- or 'user:<id>' for an owner. Writes that only touch last_used_at stay silent.

CREATE OR REPLACE FUNCTION keydesk_notify_key_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.hash = OLD.hash
     AND NEW.owner_id = OLD.owner_id
     AND NEW.revoked_at IS NOT DISTINCT FROM OLD.revoked_at
     AND NEW.expires_at IS NOT DISTINCT FROM OLD.expires_at
     AND NEW.scopes IS NOT DISTINCT FROM OLD.scopes THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('keydesk_key_change', OLD.hash);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_keys_notify_change
  AFTER UPDATE OR DELETE ON "api_keys"
  FOR EACH ROW EXECUTE FUNCTION keydesk_notify_key_change();

CREATE OR REPLACE FUNCTION keydesk_notify_user_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.disabled = OLD.disabled
     AND NEW.role = OLD.role
     AND NEW.email = OLD.email
     AND NEW.name = OLD.name THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('keydesk_key_change', 'user:' || OLD.id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER users_notify_change
  AFTER UPDATE OR DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION keydesk_notify_user_change();
