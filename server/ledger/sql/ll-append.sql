-- Append one entry: move the cached balance, pending points and lifetime totals, write the entry
-- and its outbox event, and re-tier the customer when what they earned moved. Keeps: balance +
-- pending = the sum of the customer's entries; balance = the remaining points of their open
-- spendable lots, pending = those of their pending lots (CHECKs >= 0 back the callers' own
-- checks); each entry's balance_after is the spendable balance right after it. The caller
-- holds the customer row lock and has moved the lots.
--
-- p_pending: the part of p_points that moves pending points rather than the balance (a pending
-- credit, the reversal of one). p_system: an expiry the ledger wrote on its own (points found
-- past their date during another write), attributed to the system rather than to the caller,
-- with the caller's request id so the log shows what triggered it.
-- An award's base points and multiplier, and a pending credit's available_at, come in req
-- (basePoints, multiplierPercent, availableAt as ll_credit set them); its store as storeUuid.
-- req.nextTierAt (ll_credit, lifetime basis): the next tier's threshold, to skip re-tiering.
CREATE OR REPLACE FUNCTION ll_append(
  p_id uuid, c "customers", p_type "EntryType", p_points int, p_earned int, p_redeemed int,
  req jsonb, p_expires_at timestamptz, p_reverses uuid, p_system boolean, p_pending int
) RETURNS "ledger_entries" LANGUAGE plpgsql AS $$
DECLARE
  v_customer "customers";
  v_entry "ledger_entries";
BEGIN
  UPDATE "customers" SET
    "balance" = "balance" + p_points - p_pending,
    "pending" = "pending" + p_pending,
    "lifetime_earned" = "lifetime_earned" + p_earned,
    "lifetime_redeemed" = "lifetime_redeemed" + p_redeemed,
    "last_activity_at" = CASE WHEN p_type = 'EXPIRE' THEN "last_activity_at" ELSE now() END,
    "updated_at" = now()
  WHERE "business_id" = c."business_id" AND "id" = c."id"
  RETURNING * INTO v_customer;

  INSERT INTO "ledger_entries" (
    "id", "business_id", "customer_id", "type", "points", "balance_after", "description", "reference",
    "idempotency_key", "request_hash", "actor_type", "actor_id", "staff_name", "source", "request_id", "metadata",
    "expires_at", "reverses_entry_id", "store_id", "base_points", "multiplier_percent", "available_at")
  VALUES (
    p_id, c."business_id", c."id", p_type, p_points, v_customer."balance",
    CASE WHEN p_system THEN 'Points expired' ELSE req->>'description' END,
    CASE WHEN p_system THEN NULL ELSE req->>'reference' END,
    CASE WHEN p_system THEN NULL ELSE req->>'idempotencyKey' END,
    CASE WHEN p_system THEN NULL ELSE req->>'requestHash' END,
    CASE WHEN p_system THEN 'SYSTEM' ELSE req->>'actorType' END::"ActorType",
    CASE WHEN p_system THEN NULL ELSE req->>'actorId' END,
    CASE WHEN p_system THEN NULL ELSE req->>'staffName' END,
    CASE WHEN p_system THEN 'JOB' ELSE req->>'source' END::"EntrySource",
    req->>'requestId',
    CASE WHEN p_system THEN NULL ELSE nullif(req->'metadata', 'null'::jsonb) END,
    p_expires_at, p_reverses,
    CASE WHEN p_system THEN NULL ELSE (req->>'storeUuid')::uuid END,
    CASE WHEN p_system THEN NULL ELSE (req->>'basePoints')::int END,
    CASE WHEN p_system THEN NULL ELSE (req->>'multiplierPercent')::int END,
    CASE WHEN p_system THEN NULL ELSE (req->>'availableAt')::timestamptz END)
  RETURNING * INTO v_entry;

  -- Only what was earned (and is available) moves a tier: a pending credit waits for release.
  -- An award on a lifetime basis says where the next threshold is (req.nextTierAt, from
  -- ll_credit): short of it, nothing can change.
  IF p_earned - p_pending <> 0
     AND NOT (p_earned > 0 AND req ? 'nextTierAt' AND v_customer."lifetime_earned" - v_customer."pending" < (req->>'nextTierAt')::int) THEN
    v_customer := ll_retier(v_customer, CASE WHEN p_earned > 0 THEN 'EARNED' ELSE 'REVERSED' END);
  END IF;
  PERFORM ll_emit_entry(v_entry, v_customer);
  RETURN v_entry;
END $$;
