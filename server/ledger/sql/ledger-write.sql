-- The ledger's single write path: every movement of points is one call of this, in one round
-- trip (write-ledger.ts, queue-ledger-write.ts). It locks the customer row first and then reads
-- lots, each statement with a fresh snapshot (READ COMMITTED), so concurrent writers on one
-- customer serialise with no lost update.
--
-- req: {op: award|redeem|adjust|expire|reverse|enrol, businessId, customerId, enrol {email,
-- phone, externalId, name}, points, description, reference, idempotencyKey, requestHash,
-- actorType, actorId, staffName, source, requestId, metadata, expiresAt, entryId (reverse),
-- before and amount (expire), context (echoed back on every replay), storeId (our id or the
-- store's code; storeLenient: a business without stores ignores it), skipMultiplier and
-- availableAt (award)}. `enrol` finds or enrols
-- the customer and writes no entry (a till check-in that earned nothing).
--
-- Returns {replay, customerId, customerCreated, entry, expired, balance, context}: entries as
-- the API shows them, balance the customer's balance after everything this call did. Domain
-- refusals raise SQLSTATE LL4xx with the AppError code as the message; nothing is written.
CREATE OR REPLACE FUNCTION ledger_write(req jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_op text := req->>'op';
  v_business uuid := (req->>'businessId')::uuid;
  v_customer uuid := (req->>'customerId')::uuid;
  v_key text := req->>'idempotencyKey';
  v_points int := coalesce((req->>'points')::int, 0);
  v_replay jsonb;
  v_created boolean := false;
  c "customers";
  v_orig "ledger_entries";
  v_entry "ledger_entries";
  v_expired "ledger_entries";
  v_restored "ledger_entries";
  v_balance int;
  v_outcome jsonb;
  v_store uuid;
BEGIN
  -- Set by the ledger itself (ll_credit, below): never taken from the caller.
  req := req - 'storeUuid' - 'basePoints' - 'multiplierPercent' - 'nextTierAt';
  IF v_op IS NULL OR v_op NOT IN ('award', 'redeem', 'adjust', 'expire', 'reverse', 'enrol') THEN
    PERFORM ll_fail('VALIDATION_ERROR', 'LL400');
  END IF;
  -- A retry is answered before anything else happens (even before enrolling anyone)...
  IF v_key IS NOT NULL THEN
    v_replay := ll_replay(v_business, v_key, req->>'requestHash');
    IF v_replay IS NOT NULL THEN RETURN v_replay; END IF;
  END IF;

  IF v_op IN ('award', 'enrol') AND v_customer IS NULL AND req ? 'enrol' THEN
    SELECT e."id", e."created" INTO v_customer, v_created FROM ll_enrol(v_business, req->'enrol') e;
  END IF;
  IF v_op = 'reverse' THEN
    SELECT * INTO v_orig FROM "ledger_entries" WHERE "business_id" = v_business AND "id" = (req->>'entryId')::uuid;
    IF NOT FOUND THEN PERFORM ll_fail('ENTRY_NOT_FOUND', 'LL404'); END IF;
    v_customer := v_orig."customer_id";
    -- A reversal happened where its original did: store figures net out.
    req := req || jsonb_build_object('storeUuid', v_orig."store_id");
  END IF;

  SELECT * INTO c FROM "customers" WHERE "business_id" = v_business AND "id" = v_customer FOR UPDATE;
  -- An erased customer is gone for every purpose but the (anonymised) ledger history.
  IF NOT FOUND OR c."erased_at" IS NOT NULL THEN PERFORM ll_fail('CUSTOMER_NOT_FOUND', 'LL404'); END IF;
  -- ...and again under the customer's lock: a retry that arrived while its original was still
  -- running waited for that lock, and the original has committed by now. Judged afresh, the
  -- retry would be refused (the points are spent, the entry reversed) instead of replayed.
  IF v_key IS NOT NULL THEN
    v_replay := ll_replay(v_business, v_key, req->>'requestHash');
    IF v_replay IS NOT NULL THEN RETURN v_replay; END IF;
  END IF;
  -- (An owner's write, an order's reissued award, isn't the customer earning: see byOwner.)
  IF c."status" = 'BLOCKED' AND v_op IN ('award', 'redeem', 'enrol') AND NOT coalesce((req->>'byOwner')::boolean, false) THEN
    PERFORM ll_fail('CUSTOMER_BLOCKED', 'LL403');
  END IF;
  IF (req->>'expiresAt')::timestamptz <= now() THEN PERFORM ll_fail('EXPIRES_IN_PAST', 'LL400'); END IF;
  IF req->>'storeId' IS NOT NULL THEN
    -- An owner's write repeats its record's store (our id), open or since closed.
    v_store := CASE WHEN coalesce((req->>'byOwner')::boolean, false)
                    THEN (SELECT "id" FROM "stores" WHERE "business_id" = v_business AND "id"::text = req->>'storeId')
                    ELSE ll_store(v_business, req->>'storeId', coalesce((req->>'storeLenient')::boolean, false)) END;
    req := req || jsonb_build_object('storeUuid', v_store);
  END IF;

  -- Pending points whose time has come are released first, so this write can spend them and
  -- the tier it applies counts them (cheap probe first, as for expiry below).
  -- (Most customers have nothing pending at all: their cached count says so without a probe.)
  IF c."pending" > 0 AND EXISTS (SELECT 1 FROM "point_lots" WHERE "business_id" = v_business AND "customer_id" = v_customer
                                                            AND "pending" AND "available_at" <= now()) THEN
    c := ll_release(c);
  END IF;

  -- Points past their expiry leave first, as the expiry job would have taken them: no write
  -- spends them, no answer counts them, and after any write the cached balance is exact again.
  -- (Same transaction: a refused write leaves no expiry behind either.)
  -- (The EXISTS is the cheap common case: nothing due, no cursor opened.)
  IF v_op <> 'expire' AND EXISTS (SELECT 1 FROM "point_lots" WHERE "business_id" = v_business AND "customer_id" = v_customer
                                                               AND NOT "depleted" AND "expires_at" <= now()) THEN
    v_expired := ll_expire(c, now(), NULL, req, true);
    c."balance" := v_expired."balance_after";
  END IF;

  CASE v_op
  WHEN 'award' THEN v_entry := ll_credit(c, 'AWARD', v_points, req);
  WHEN 'redeem' THEN v_entry := ll_debit(c, 'REDEEM', v_points, req);
  WHEN 'adjust' THEN
    IF v_points > 0 THEN v_entry := ll_credit(c, 'ADJUST', v_points, req);
    ELSE v_entry := ll_debit(c, 'ADJUST', -v_points, req);
    END IF;
    PERFORM ll_audit_points(req, 'points.adjusted', v_entry, '{}');
  WHEN 'reverse' THEN
    v_entry := ll_reverse(c, v_orig, req);
    PERFORM ll_audit_points(req, 'points.reversed', v_entry, jsonb_build_object('reversedEntryId', v_orig."id"));
  WHEN 'expire' THEN v_entry := ll_expire(c, coalesce((req->>'before')::timestamptz, now()), (req->>'amount')::int, req, false);
  WHEN 'enrol' THEN NULL;
  END CASE;
  -- The balance after the last entry this call wrote.
  v_balance := coalesce(v_entry."balance_after", c."balance");

  IF v_op = 'reverse' THEN
    -- A restored lot keeps its original expiry; if that has passed, it expires now rather
    -- than counting in the balance until the next write or expiry run.
    v_restored := ll_expire(c, now(), NULL, req, true);
    IF v_restored."id" IS NOT NULL THEN
      v_expired := v_restored;
      v_balance := v_restored."balance_after";
    END IF;
  END IF;
  -- Every op but a manual expiry left no expired points behind; that one may (an amount, or a
  -- date in the past), and the answer must not count them.
  IF v_op = 'expire' THEN v_balance := v_balance - ll_due(v_business, v_customer, now()); END IF;
  v_outcome := jsonb_build_object('customerId', v_customer, 'customerCreated', v_created, 'balance', v_balance,
                                  'expiredId', v_expired."id", 'context', req->'context');
  IF v_key IS NOT NULL THEN PERFORM ll_remember(req, v_entry."id", v_outcome); END IF;
  RETURN v_outcome || jsonb_build_object(
    'replay', false,
    'entry', CASE WHEN v_entry."id" IS NULL THEN NULL ELSE ll_entry_json(v_entry) END,
    'expired', CASE WHEN v_expired."id" IS NULL THEN NULL ELSE ll_entry_json(v_expired) END);
END $$;
