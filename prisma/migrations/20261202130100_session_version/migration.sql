-- Sessions end at once (SPEC §8): every session token carries the user's session_version, and a
-- request is authenticated only while the user row still holds that version. This trigger bumps it
-- on each change that must end sessions, whichever code path (console, API, CLI, SSO, psql) made it.
-- Deleting the user ends them too: the row is gone.
ALTER TABLE "users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION keydesk_bump_session_version() RETURNS trigger AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash
     OR (NEW.disabled AND NOT OLD.disabled)
     OR (OLD.role = 'ADMIN' AND NEW.role <> 'ADMIN') THEN
    NEW.session_version := OLD.session_version + 1;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER users_bump_session_version
  BEFORE UPDATE ON "users"
  FOR EACH ROW EXECUTE FUNCTION keydesk_bump_session_version();
