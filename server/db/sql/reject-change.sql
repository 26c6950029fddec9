-- Trigger function of the append-only tables (ledger_entries, lot_allocations, audit_logs,
-- idempotency_keys): no code path updates or deletes them, and the database refuses to.
CREATE OR REPLACE FUNCTION ll_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only; % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'LL000';
END $$;

-- A domain refusal: SQLSTATE LL4xx (the HTTP status it maps to) with the AppError code as the
-- message. write-ledger.ts turns it into that AppError.
CREATE OR REPLACE FUNCTION ll_fail(p_code text, p_state text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = p_state, MESSAGE = p_code;
END $$;
