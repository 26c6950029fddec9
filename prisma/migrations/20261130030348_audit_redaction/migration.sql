-- Audit details are redacted of secrets on their way in, whoever writes them. The trigger's body
-- lives in server/audit/sql/redact-audit-secrets.sql (applied right after the migrations, in the
-- same transaction); this placeholder only lets the trigger be created first.
CREATE OR REPLACE FUNCTION ll_redact_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END $$;

CREATE TRIGGER "audit_logs_redact_secrets" BEFORE INSERT ON "audit_logs" FOR EACH ROW EXECUTE FUNCTION ll_redact_audit_row();

-- Rows written before this migration are left as they were: the trail is append-only.
