-- Trigger function of the append-only tables (ledger_entries, lot_allocations, audit_logs,
-- idempotency_keys): no code path updates or deletes them, and the database refuses to. The one
-- exception is the right to erasure: an UPDATE that only clears an erased customer's personal
-- data, exactly as ll_erase_customer_data() does it (server/customers/sql/erase-customer-data.sql).
-- It is decided from the rows themselves, not from a setting the session could change, and only
-- for the table's owner: inside that SECURITY DEFINER function. The app's role has no UPDATE on
-- these tables at all (grantAppRole); were it granted, the exception still would not open to it.
-- A fixed search_path: a session's temp table named "customers" must not answer for the real one.
CREATE OR REPLACE FUNCTION ll_reject_change() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND ll_acting_as_owner(TG_RELID) THEN
    IF ll_erasure_allows(TG_TABLE_NAME, to_jsonb(OLD), to_jsonb(NEW)) THEN RETURN NEW; END IF;
  END IF;
  RAISE EXCEPTION '% is append-only; % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'LL000';
END $$;

-- Whether the current role (the definer's, inside a SECURITY DEFINER function) owns p_table. An
-- owner could switch the triggers off anyway, so nothing it is allowed here is a new power.
CREATE OR REPLACE FUNCTION ll_acting_as_owner(p_table oid) RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_roles r ON r.oid = c.relowner
                  WHERE c.oid = p_table AND r.rolname = current_user)
$$;

-- A domain refusal: SQLSTATE LL4xx (the HTTP status it maps to) with the AppError code as the
-- message. write-ledger.ts turns it into that AppError.
CREATE OR REPLACE FUNCTION ll_fail(p_code text, p_state text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = p_state, MESSAGE = p_code;
END $$;
