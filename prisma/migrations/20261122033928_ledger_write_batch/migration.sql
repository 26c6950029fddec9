-- AlterTable
ALTER TABLE "ledger_entries" ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(6);


-- Entries are stamped when written, not when their transaction began: a batch (below) writes
-- many entries for one customer in one transaction, and a debit writes its EXPIRE entry before
-- itself, so now() would give them all one timestamp and history would show them in any order.
-- Unchanged otherwise from the ledger migration.
CREATE OR REPLACE FUNCTION ll_append(
  p_id uuid, p_business uuid, p_customer uuid, p_type "EntryType", p_points int,
  p_earned int, p_redeemed int, req jsonb, p_expires_at timestamptz, p_reverses uuid
) RETURNS "ledger_entries" LANGUAGE plpgsql AS $$
DECLARE
  v_balance int;
  v_entry "ledger_entries";
  v_system boolean := p_type = 'EXPIRE' AND req->>'op' <> 'expire';
BEGIN
  UPDATE "customers" SET
    "balance" = "balance" + p_points,
    "lifetime_earned" = "lifetime_earned" + p_earned,
    "lifetime_redeemed" = "lifetime_redeemed" + p_redeemed,
    "tier" = CASE WHEN p_earned = 0 THEN "tier" ELSE ll_tier(p_business, "lifetime_earned" + p_earned) END,
    "last_activity_at" = CASE WHEN p_type = 'EXPIRE' THEN "last_activity_at" ELSE now() END,
    "updated_at" = now()
  WHERE "business_id" = p_business AND "id" = p_customer
  RETURNING "balance" INTO v_balance;

  INSERT INTO "ledger_entries" (
    "id", "business_id", "customer_id", "type", "points", "balance_after", "description", "reference",
    "idempotency_key", "request_hash", "actor_type", "actor_id", "staff_name", "source", "metadata",
    "expires_at", "reverses_entry_id", "created_at")
  VALUES (
    p_id, p_business, p_customer, p_type, p_points, v_balance,
    CASE WHEN v_system THEN 'Points expired' ELSE req->>'description' END,
    CASE WHEN v_system THEN NULL ELSE req->>'reference' END,
    CASE WHEN v_system THEN NULL ELSE req->>'idempotencyKey' END,
    CASE WHEN v_system THEN NULL ELSE req->>'requestHash' END,
    CASE WHEN v_system THEN 'SYSTEM' ELSE (req->>'actorType') END::"ActorType",
    CASE WHEN v_system THEN NULL ELSE req->>'actorId' END,
    CASE WHEN v_system THEN NULL ELSE req->>'staffName' END,
    CASE WHEN v_system THEN 'JOB' ELSE (req->>'source') END::"EntrySource",
    CASE WHEN v_system THEN NULL ELSE nullif(req->'metadata', 'null'::jsonb) END,
    p_expires_at, p_reverses, clock_timestamp())
  RETURNING * INTO v_entry;

  INSERT INTO "outbox_events" ("business_id", "type", "payload") VALUES (
    p_business,
    CASE p_type WHEN 'AWARD' THEN 'points.earned' WHEN 'REDEEM' THEN 'points.redeemed' WHEN 'ADJUST' THEN 'points.adjusted'
                WHEN 'EXPIRE' THEN 'points.expired' ELSE 'points.reversed' END,
    jsonb_build_object('entry', to_jsonb(v_entry), 'customerId', p_customer, 'balance', v_balance));
  RETURN v_entry;
END $$;

-- Several ledger writes in one transaction. writeLedger sends the writes that queued up behind
-- one customer's write in flight as one batch: one round trip, one lock hand-over and one
-- durable commit for all of them instead of one each, which is what bounds a busy customer's
-- throughput (a till hammering a shared account, a burst of webhooks for one shopper).
--
-- Each write runs in its own subtransaction, so a refusal (not enough points, a mismatched
-- idempotency key) undoes that write alone and the others stand, exactly as if each had been
-- sent on its own, in order. Returns one {result} or {error: {code, message}} per request.
-- Callers keep batches small (writeLedger: 32): more than 64 subtransactions in a transaction
-- overflow Postgres's per-backend subtransaction cache and slow every snapshot in the server.
CREATE FUNCTION ledger_write_batch(reqs jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  r jsonb;
  outcomes jsonb[] := '{}';
  v_state text;
  v_message text;
BEGIN
  FOR r IN SELECT value FROM jsonb_array_elements(reqs) LOOP
    BEGIN
      outcomes := outcomes || jsonb_build_object('result', ledger_write(r));
    EXCEPTION WHEN OTHERS THEN
      -- Not caught by OTHERS: query_canceled (a statement timeout), which aborts the batch.
      GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
      outcomes := outcomes || jsonb_build_object('error', jsonb_build_object('code', v_state, 'message', v_message));
    END;
  END LOOP;
  RETURN to_jsonb(outcomes);
END $$;
