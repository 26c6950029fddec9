-- Idempotency keys (unique per business). A write with a key records what it answered beyond
-- its entries (idempotency_keys.outcome: customerId, customerCreated, balance, expiredId and
-- the caller's context), in the same transaction as the write. A retry gets that answer back
-- with the same entries, so it is exactly the original answer; the same key with a different
-- request is refused (IDEMPOTENCY_MISMATCH); a refused write records nothing, so its key stays
-- unused.

-- The original answer for (business, key), with replay true; NULL when the key is unused.
CREATE OR REPLACE FUNCTION ll_replay(p_business uuid, p_key text, p_hash text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  k "idempotency_keys";
BEGIN
  SELECT * INTO k FROM "idempotency_keys" WHERE "business_id" = p_business AND "key" = p_key;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF k."request_hash" IS DISTINCT FROM p_hash THEN PERFORM ll_fail('IDEMPOTENCY_MISMATCH', 'LL422'); END IF;
  RETURN k."outcome" || jsonb_build_object(
    'replay', true,
    'entry', (SELECT ll_entry_json(e) FROM "ledger_entries" e WHERE e."business_id" = p_business AND e."id" = k."entry_id"),
    'expired', (SELECT ll_entry_json(e) FROM "ledger_entries" e
                 WHERE e."business_id" = p_business AND e."id" = (k."outcome"->>'expiredId')::uuid));
END $$;

-- Records a fresh write's answer under its key. Two requests with one key racing on two
-- customers both get here; the primary key makes the second wait for the first and then fail
-- with 23505, and write-ledger.ts answers it with ll_replay.
CREATE OR REPLACE FUNCTION ll_remember(req jsonb, p_entry uuid, p_outcome jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "idempotency_keys" ("business_id", "key", "request_hash", "entry_id", "outcome")
  VALUES ((req->>'businessId')::uuid, req->>'idempotencyKey', req->>'requestHash', p_entry, p_outcome);
END $$;
