-- Limits shared by every app process on this database (server/rate-limits/shared-limiter.ts).
-- UNLOGGED: counts are worth losing in a crash, not a WAL flush on every API request.
CREATE UNLOGGED TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- A revoked, deleted or re-scoped API key leaves every process's cache when the change commits:
-- the body lives in server/api-keys/sql/api-key-changed.sql (applied right after the
-- migrations, in the same transaction); this placeholder only lets the triggers be created first.
-- last_used_at moves once a minute per key in use: no notice for that.
CREATE OR REPLACE FUNCTION ll_notify_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NULL;
END $$;

CREATE TRIGGER "api_keys_changed" AFTER UPDATE ON "api_keys" FOR EACH ROW
  WHEN (OLD."revoked_at" IS DISTINCT FROM NEW."revoked_at" OR OLD."scopes" IS DISTINCT FROM NEW."scopes"
        OR OLD."rate_limit_per_minute" IS DISTINCT FROM NEW."rate_limit_per_minute"
        OR OLD."name" IS DISTINCT FROM NEW."name" OR OLD."hash" IS DISTINCT FROM NEW."hash"
        OR OLD."business_id" IS DISTINCT FROM NEW."business_id")
  EXECUTE FUNCTION ll_notify_api_key_changed();
CREATE TRIGGER "api_keys_deleted" AFTER DELETE ON "api_keys" FOR EACH ROW EXECUTE FUNCTION ll_notify_api_key_changed();
-- TRUNCATE fires no row trigger: tell every process to drop all it cached.
CREATE TRIGGER "api_keys_truncated" AFTER TRUNCATE ON "api_keys" FOR EACH STATEMENT EXECUTE FUNCTION ll_notify_api_key_changed();
