-- Every app process caches API keys it has looked up (server/api-keys/authenticate-api-key.ts)
-- and listens on this channel (server/db/listen-for-changes.ts): the api_keys triggers call this
-- on a revocation, deletion or change of what a key may do, so the key leaves every process's
-- cache as soon as the change commits, whichever process, CLI or SQL session made it. The hash
-- is what the caches are keyed by; it is no secret (a key can't be derived from it). A TRUNCATE
-- names no row: "*" tells every process to drop all it cached.
CREATE OR REPLACE FUNCTION ll_notify_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ll_api_key_changed', CASE WHEN TG_OP = 'TRUNCATE' THEN '*' ELSE OLD."hash" END);
  RETURN NULL;
END $$;
