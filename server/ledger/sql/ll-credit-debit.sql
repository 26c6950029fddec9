-- The two plain movements. Both take the customer row (locked, balance already net of expired
-- points) and return the entry they wrote.

-- Credit (award, positive adjustment). Keeps: every credited point sits in exactly one new lot
-- of the same size, expiring when the entry says (the request's expiresAt, else the business's
-- default counted from when the points become available, else never); lifetime earned grows by
-- the same amount.
--
-- An award earns the customer's tier multiplier (their tier as read under the row lock the
-- caller holds) unless req.skipMultiplier: points = floor(base * multiplierPercent / 100), and
-- the entry records both. It is pending until req.availableAt, else for the business's
-- pendingDays (0: spendable at once): pending points sit in a pending lot, count in `pending`
-- and not in the balance, can't be spent, and count toward tiers only once released.
CREATE OR REPLACE FUNCTION ll_credit(c "customers", p_type "EntryType", p_points int, req jsonb)
RETURNS "ledger_entries" LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid := gen_random_uuid();
  v_expiry_days int;
  v_pending_days int;
  v_basis "TierBasis";
  v_tiers jsonb;
  v_tier jsonb;
  v_qualifying int;
  v_next int;
  v_points int := p_points;
  v_percent int;
  v_available timestamptz;
  v_expires timestamptz;
  v_entry "ledger_entries";
BEGIN
  -- One read of the business for everything a credit needs (this is every award's hot path).
  SELECT b."point_expiry_days", b."pending_days", b."tier_basis", b."tiers"
    INTO v_expiry_days, v_pending_days, v_basis, v_tiers
    FROM "businesses" b WHERE b."id" = c."business_id";
  IF p_type = 'AWARD' THEN
    -- The customer's tier under the tier table as it is now, so a renamed tier or a changed
    -- threshold or multiplier applies from the next award on, not from the next re-evaluation.
    -- On a lifetime basis that costs nothing to decide here; on a rolling one the stored tier
    -- stands until the daily re-evaluation, unless the table no longer has it.
    IF v_basis = 'LIFETIME' THEN
      -- The tier reached, and the next threshold: below it, this award can't move the tier, and
      -- ll_append skips re-tiering (the common case, and every award's hot path).
      v_qualifying := c."lifetime_earned" - c."pending";
      SELECT (SELECT t FROM jsonb_array_elements(v_tiers) t WHERE (t->>'minPoints')::int <= v_qualifying ORDER BY (t->>'minPoints')::int DESC LIMIT 1),
             (SELECT min((t->>'minPoints')::int) FROM jsonb_array_elements(v_tiers) t WHERE (t->>'minPoints')::int > v_qualifying)
        INTO v_tier, v_next;
      req := req || jsonb_build_object('nextTierAt', coalesce(v_next, 2147483647));
    ELSIF NOT EXISTS (SELECT 1 FROM jsonb_array_elements(v_tiers) t WHERE t->>'name' = c."tier") THEN
      v_qualifying := ll_qualifying(c."business_id", c."id", v_basis, c."lifetime_earned", c."pending");
      SELECT t INTO v_tier FROM jsonb_array_elements(v_tiers) t
       WHERE (t->>'minPoints')::int <= v_qualifying ORDER BY (t->>'minPoints')::int DESC LIMIT 1;
    ELSE
      SELECT t INTO v_tier FROM jsonb_array_elements(v_tiers) t WHERE t->>'name' = c."tier" LIMIT 1;
    END IF;
    IF (v_tier->>'name') IS DISTINCT FROM c."tier" THEN c := ll_retier(c, 'REEVALUATED'); END IF;
    v_percent := CASE WHEN coalesce((req->>'skipMultiplier')::boolean, false) THEN 100 ELSE coalesce((v_tier->>'multiplierPercent')::int, 100) END;
    -- Rounded down (integer division of non-negative numbers), in bigint so 10M x 1000% fits
    -- until the int cast, which refuses what the balance could not hold.
    v_points := (p_points::bigint * v_percent / 100)::int;
    v_available := coalesce((req->>'availableAt')::timestamptz,
                            CASE WHEN v_pending_days > 0 THEN now() + make_interval(days => v_pending_days) END);
    IF v_available <= now() THEN v_available := NULL; END IF;
    req := req || jsonb_build_object('basePoints', p_points, 'multiplierPercent', v_percent, 'availableAt', v_available);
  ELSE
    req := req || jsonb_build_object('availableAt', NULL);
  END IF;
  v_expires := coalesce((req->>'expiresAt')::timestamptz,
                        coalesce(v_available, now()) + make_interval(days => v_expiry_days));
  IF v_expires <= v_available THEN PERFORM ll_fail('EXPIRES_BEFORE_AVAILABLE', 'LL400'); END IF;
  v_entry := ll_append(v_id, c, p_type, v_points, v_points, 0, req, v_expires, NULL, false,
                       CASE WHEN v_available IS NULL THEN 0 ELSE v_points END);
  INSERT INTO "point_lots" ("business_id", "customer_id", "entry_id", "points", "remaining", "expires_at", "available_at", "pending")
  VALUES (c."business_id", c."id", v_id, v_points, v_points, v_expires, v_available, v_available IS NOT NULL);
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
  RETURN ll_append(v_id, c, p_type, -p_take, 0, CASE WHEN p_type = 'REDEEM' THEN p_take ELSE 0 END, req, NULL, NULL, false, 0);
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
  RETURN ll_append(v_id, c, 'EXPIRE', -v_taken, 0, 0, req, NULL, NULL, p_system, 0);
END $$;
