-- The one place each event type is written. Events go into outbox_events in the same
-- transaction as the change they announce; the webhook worker delivers them.

-- customer.created: {customer}.
CREATE OR REPLACE FUNCTION ll_emit_customer_created(c "customers") RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  VALUES (c."business_id", 'customer.created', jsonb_build_object('customer', ll_customer_json(c)));
END $$;

-- points.*: {customer, entry, balance}, customer as it is right after the entry. The type is
-- named for every entry type; a new entry type without an event here is an error, not a
-- silently mislabelled event.
CREATE OR REPLACE FUNCTION ll_emit_entry(e "ledger_entries", c "customers") RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_type text := CASE e."type"
    WHEN 'AWARD' THEN 'points.earned'
    WHEN 'REDEEM' THEN 'points.redeemed'
    WHEN 'ADJUST' THEN 'points.adjusted'
    WHEN 'EXPIRE' THEN 'points.expired'
    WHEN 'REVERSAL' THEN 'points.reversed'
  END;
BEGIN
  IF v_type IS NULL THEN
    RAISE EXCEPTION 'no outbox event type for ledger entry type %', e."type" USING ERRCODE = 'LL500';
  END IF;
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  VALUES (e."business_id", v_type,
          jsonb_build_object('customer', ll_customer_json(c), 'entry', ll_entry_json(e), 'balance', e."balance_after"));
END $$;
