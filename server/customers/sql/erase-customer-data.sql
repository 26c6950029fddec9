-- Right to erasure in the database: the one place that knows every table holding a customer's
-- personal data. ll_erase_customer_data() removes it; ll_erasure_allows() is the only change the
-- append-only tables' trigger (server/db/sql/reject-change.sql) lets through, and it accepts
-- exactly what the eraser writes, nothing more. A table added later that can hold a customer's
-- data (webhook delivery logs, issue 11) joins here: a step in ll_erase_customer_data(), and a
-- branch in ll_erasure_allows() if the table is append-only.
--
-- What stays: ids, amounts, types, timestamps, lots and allocations, so balances, reports and
-- the order of events still add up. What goes: the customer's identity and every free-text or
-- caller-chosen field that could name them.

-- Whether p_customer (text: audit_logs.target_id and idempotency outcomes carry ids as text) is
-- an erased customer of p_business.
-- Like every function here that reads a table, with a fixed search_path: it runs inside the
-- append-only trigger and the definer below, where a session's temp table named "customers"
-- (pg_temp is searched first unless named, so it goes last) must not answer for the real one.
CREATE OR REPLACE FUNCTION ll_customer_erased(p_business uuid, p_customer text) RETURNS boolean LANGUAGE plpgsql STABLE
SET search_path = public, pg_temp AS $$
BEGIN
  IF p_customer IS NULL OR p_customer !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN RETURN false; END IF;
  RETURN EXISTS (SELECT 1 FROM "customers" WHERE "business_id" = p_business AND "id" = p_customer::uuid AND "erased_at" IS NOT NULL);
END $$;

-- A ledger description after erasure: only the one the erasure itself wrote on the entry that
-- forfeited the balance (ERASURE_REASON in erase-customer.ts) is kept; it names no one.
CREATE OR REPLACE FUNCTION ll_erased_description(p_description text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_description = 'Customer data erased' THEN p_description END
$$;

-- Audit details of an erased customer: only the keys known to hold ids, numbers or field and
-- status names survive. An allowlist, so a key added later (a free-text reason, say) is erased
-- until someone decides otherwise.
CREATE OR REPLACE FUNCTION ll_erased_audit_details(p_details jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF p_details IS NULL OR jsonb_typeof(p_details) <> 'object' THEN RETURN p_details; END IF;
  RETURN (SELECT coalesce(jsonb_object_agg(d.key, d.value), '{}'::jsonb) FROM jsonb_each(p_details) d
           WHERE d.key IN ('entryId', 'reversedEntryId', 'points', 'forfeitedPoints', 'fields', 'from', 'to'));
END $$;

-- An outbox event reduced to ids (customer, entry): the event's id, type and timestamps stay, so
-- the delivery order and "what happened when" survive; `erased` tells a receiver why.
CREATE OR REPLACE FUNCTION ll_erased_event_payload(p_payload jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN jsonb_strip_nulls(jsonb_build_object(
    'customer', jsonb_build_object('id', p_payload->'customer'->'id'),
    'entry', CASE WHEN p_payload ? 'entry' THEN jsonb_build_object('id', p_payload->'entry'->'id') END,
    'erased', true));
END $$;

-- Erases one customer's personal data everywhere, in the caller's transaction. The caller
-- (erase-customer.ts) holds the customer row lock and has already forfeited the balance.
-- SECURITY DEFINER: it runs as the schema owner that created it, so the app's own role needs no
-- UPDATE on the append-only tables at all; erasure is the one way in, through this function.
CREATE OR REPLACE FUNCTION ll_erase_customer_data(p_business uuid, p_customer uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- Their referral code and the contact details referrals were made to (server/referrals/sql),
  -- while the row still has the email and phone to match them by.
  PERFORM ll_erase_referrals(p_business, p_customer);
  -- First: the append-only tables accept erasure only of an erased customer's rows.
  UPDATE "customers" SET "email" = NULL, "phone" = NULL, "external_id" = NULL, "name" = NULL, "notes" = NULL, "birthday" = NULL,
    "status" = 'BLOCKED', "erased_at" = coalesce("erased_at", now()), "updated_at" = now()
  WHERE "business_id" = p_business AND "id" = p_customer;
  IF NOT FOUND THEN PERFORM ll_fail('CUSTOMER_NOT_FOUND', 'LL404'); END IF;

  -- Descriptions, references and metadata are free text about the purchase and its buyer; the
  -- idempotency key is caller-chosen (often the reference itself) and the request hash covers
  -- the email or phone the request named.
  UPDATE "ledger_entries"
  SET "description" = ll_erased_description("description"), "reference" = NULL, "metadata" = NULL, "idempotency_key" = NULL, "request_hash" = NULL
  WHERE "business_id" = p_business AND "customer_id" = p_customer
    AND ("description" IS DISTINCT FROM ll_erased_description("description")
         OR "reference" IS NOT NULL OR "metadata" IS NOT NULL OR "idempotency_key" IS NOT NULL OR "request_hash" IS NOT NULL);

  -- The key is the primary key: replaced by a unique placeholder, not cleared. A retry of an
  -- erased customer's request then no longer replays; it names a customer who is gone.
  UPDATE "idempotency_keys" SET "key" = 'erased:' || coalesce("entry_id", gen_random_uuid())::text, "request_hash" = NULL
  WHERE "business_id" = p_business AND "outcome"->>'customerId' = p_customer::text AND "key" !~ '^erased:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

  -- A redemption's key is caller-chosen like any other, and a cancel's reason is free text.
  UPDATE "redemptions" SET "idempotency_key" = NULL, "cancel_reason" = NULL
  WHERE "business_id" = p_business AND "customer_id" = p_customer AND ("idempotency_key" IS NOT NULL OR "cancel_reason" IS NOT NULL);

  UPDATE "audit_logs" SET "details" = ll_erased_audit_details("details")
  WHERE "business_id" = p_business AND "target_type" = 'customer' AND "target_id" = p_customer::text
    AND "details" IS DISTINCT FROM ll_erased_audit_details("details");

  -- Delivered or not: a delivered payload is still a copy of the person's data. Not the
  -- customer.erased event the UPDATE above just wrote (customer-events.sql): it holds only the
  -- id already, and goes out exactly as documented.
  UPDATE "outbox_events" SET "payload" = ll_erased_event_payload("payload")
  WHERE "business_id" = p_business AND "payload"->'customer'->>'id' = p_customer::text AND "type" <> 'customer.erased'
    AND "payload" IS DISTINCT FROM ll_erased_event_payload("payload");
END $$;

-- Postgres lets every role EXECUTE a new function; this one only the app's role (grantAppRole),
-- and its owner. CREATE OR REPLACE keeps the grants, so this runs after every replace.
REVOKE EXECUTE ON FUNCTION ll_erase_customer_data(uuid, uuid) FROM PUBLIC;

-- The append-only trigger's one exception: an UPDATE whose new row is exactly what
-- ll_erase_customer_data() makes of the old one, on a row of an erased customer. Compared as
-- whole rows (jsonb), so no other column can change along with it.
CREATE OR REPLACE FUNCTION ll_erasure_allows(p_table text, p_old jsonb, p_new jsonb) RETURNS boolean LANGUAGE plpgsql STABLE
SET search_path = public, pg_temp AS $$
DECLARE
  v_business uuid := (p_old->>'business_id')::uuid;
BEGIN
  CASE p_table
    WHEN 'ledger_entries' THEN
      RETURN ll_customer_erased(v_business, p_old->>'customer_id')
        AND p_new = p_old || jsonb_build_object('description', ll_erased_description(p_old->>'description'))
                          || '{"reference": null, "metadata": null, "idempotency_key": null, "request_hash": null}'::jsonb;
    WHEN 'idempotency_keys' THEN
      RETURN ll_customer_erased(v_business, p_old->'outcome'->>'customerId')
        AND p_new->>'key' ~ '^erased:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        AND p_new = p_old || jsonb_build_object('key', p_new->'key', 'request_hash', null);
    WHEN 'audit_logs' THEN
      RETURN p_old->>'target_type' = 'customer' AND ll_customer_erased(v_business, p_old->>'target_id')
        AND p_new = p_old || jsonb_build_object('details', ll_erased_audit_details(p_old->'details'));
    ELSE
      RETURN false;
  END CASE;
END $$;

-- BEFORE UPDATE on customers: erasure is one-way. Only ll_erase_customer_data() (the owner, as
-- definer) sets erased_at, and an erased customer's erased_at and personal columns never come
-- back: the append-only tables' exception trusts erased_at, so the app must not be able to set it
-- on a live customer for a moment, nor clear it afterwards.
CREATE OR REPLACE FUNCTION ll_erasure_one_way() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF OLD."erased_at" IS NOT NULL AND NEW."erased_at" IS DISTINCT FROM OLD."erased_at" THEN
    RAISE EXCEPTION 'customers: an erased customer stays erased' USING ERRCODE = 'LL000';
  END IF;
  IF OLD."erased_at" IS NULL AND NEW."erased_at" IS NOT NULL AND NOT ll_acting_as_owner(TG_RELID) THEN
    RAISE EXCEPTION 'customers: only ll_erase_customer_data() erases a customer' USING ERRCODE = 'LL000';
  END IF;
  IF NEW."erased_at" IS NOT NULL AND num_nonnulls(NEW."email", NEW."phone", NEW."external_id", NEW."name", NEW."notes", NEW."birthday") > 0 THEN
    RAISE EXCEPTION 'customers: an erased customer has no personal data' USING ERRCODE = 'LL000';
  END IF;
  RETURN NEW;
END $$;
