-- The two plain movements. Both take the customer row (locked, balance already net of expired
-- points) and return the entry they wrote.

-- Credit (award, positive adjustment). Keeps: every credited point sits in exactly one new lot
-- of the same size, expiring when the entry says (the request's expiresAt, else the business's
-- default, else never); lifetime earned grows by the same amount.
CREATE OR REPLACE FUNCTION ll_credit(c "customers", p_type "EntryType", p_points int, req jsonb)
RETURNS "ledger_entries" LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid := gen_random_uuid();
  v_expires timestamptz;
  v_entry "ledger_entries";
BEGIN
  v_expires := coalesce((req->>'expiresAt')::timestamptz,
                        (SELECT now() + make_interval(days => "point_expiry_days") FROM "businesses" WHERE "id" = c."business_id"));
  v_entry := ll_append(v_id, c, p_type, p_points, p_points, 0, req, v_expires, NULL, false);
  INSERT INTO "point_lots" ("business_id", "customer_id", "entry_id", "points", "remaining", "expires_at")
  VALUES (c."business_id", c."id", v_id, p_points, p_points, v_expires);
  RETURN v_entry;
END $$;

-- Debit (redemption, negative adjustment). Keeps: the balance never goes below zero (refused
-- with INSUFFICIENT_POINTS, nothing written); exactly p_take points leave the open lots,
-- soonest expiry first, each take recorded so a reversal can give back exactly those lots.
-- Only redemptions count toward lifetime redeemed: an adjustment is a correction.
CREATE OR REPLACE FUNCTION ll_debit(c "customers", p_type "EntryType", p_take int, req jsonb)
RETURNS "ledger_entries" LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid := gen_random_uuid();
BEGIN
  IF c."balance" < p_take THEN PERFORM ll_fail('INSUFFICIENT_POINTS', 'LL422'); END IF;
  PERFORM ll_consume(c."business_id", c."id", v_id, p_take, NULL);
  RETURN ll_append(v_id, c, p_type, -p_take, 0, CASE WHEN p_type = 'REDEEM' THEN p_take ELSE 0 END, req, NULL, NULL, false);
END $$;

-- Expiry: lots past p_before leave (all of them, or FIFO up to p_amount) as one EXPIRE entry.
-- Keeps: only points whose lot expired at or before p_before leave, and the entry records
-- exactly what the lots lost. Returns NULL when nothing was due.
CREATE OR REPLACE FUNCTION ll_expire(c "customers", p_before timestamptz, p_amount int, req jsonb, p_system boolean)
RETURNS "ledger_entries" LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid := gen_random_uuid();
  v_taken int;
BEGIN
  v_taken := ll_consume(c."business_id", c."id", v_id, coalesce(p_amount, 2147483647), p_before);
  IF v_taken = 0 THEN RETURN NULL; END IF;
  RETURN ll_append(v_id, c, 'EXPIRE', -v_taken, 0, 0, req, NULL, NULL, p_system);
END $$;
