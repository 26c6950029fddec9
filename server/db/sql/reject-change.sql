-- Trigger function of the append-only tables (ledger_entries, lot_allocations, audit_logs,
-- idempotency_keys): no code path updates or deletes them, and the database refuses to. The one
-- exception is the right to erasure: an UPDATE that only clears an erased customer's personal
-- data, exactly as ll_erase_customer_data() does it (server/customers/sql/erase-customer-data.sql).
-- It is decided from the rows themselves, not from a setting the session could change.
CREATE OR REPLACE FUNCTION ll_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF ll_erasure_allows(TG_TABLE_NAME, to_jsonb(OLD), to_jsonb(NEW)) THEN RETURN NEW; END IF;
  END IF;
  RAISE EXCEPTION '% is append-only; % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'LL000';
END $$;

-- A domain refusal: SQLSTATE LL4xx (the HTTP status it maps to) with the AppError code as the
-- message. write-ledger.ts turns it into that AppError.
CREATE OR REPLACE FUNCTION ll_fail(p_code text, p_state text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = p_state, MESSAGE = p_code;
END $$;
