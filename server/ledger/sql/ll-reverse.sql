-- Reverse an award, redemption or adjustment, once (ALREADY_REVERSED; expiries and reversals
-- are NOT_REVERSIBLE). Keeps: the reversal's points are the exact opposite of what the
-- original still moves, and the lots end up as if the original had not happened, except for
-- time: points that expired meanwhile stay expired.
--
-- A credit: what is left of it is taken back. Points of its lot that already expired are gone
-- and are not taken twice; points spent from it are taken from the customer's other lots (or
-- refused with INSUFFICIENT_POINTS). Lifetime earned shrinks by the whole credit.
-- A pending credit (its lot not yet released): cancelled, from pending points; nothing of it
-- was spendable, so nothing is taken from the balance.
-- A debit: exactly the lots it took are given back, with their original expiry.
CREATE OR REPLACE FUNCTION ll_reverse(c "customers", o "ledger_entries", req jsonb) RETURNS "ledger_entries" LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid := gen_random_uuid();
  v_lot "point_lots";
  v_gone int;
  v_take int;
  v_own int;
  a record;
BEGIN
  IF o."type" NOT IN ('AWARD', 'REDEEM', 'ADJUST') THEN PERFORM ll_fail('NOT_REVERSIBLE', 'LL422'); END IF;
  IF EXISTS (SELECT 1 FROM "ledger_entries" WHERE "business_id" = o."business_id" AND "reverses_entry_id" = o."id") THEN
    PERFORM ll_fail('ALREADY_REVERSED', 'LL409');
  END IF;
  -- A reward redemption's points come back only with the redemption (its stock and coupon
  -- too): reversed alone, the customer would keep a valid coupon and get the points back. An
  -- order's award (and a campaign's bonus on it) likewise only through the order: reversed
  -- alone, a later refund or cancel would take the same points again.
  IF NOT coalesce((req->>'byOwner')::boolean, false) THEN
    IF EXISTS (SELECT 1 FROM "redemptions" WHERE "business_id" = o."business_id" AND "entry_id" = o."id") THEN
      PERFORM ll_fail('REDEMPTION_ENTRY', 'LL422');
    END IF;
    IF EXISTS (SELECT 1 FROM "orders" WHERE "business_id" = o."business_id" AND "award_entry_id" = o."id")
       OR EXISTS (SELECT 1 FROM "order_campaign_bonuses" WHERE "business_id" = o."business_id" AND "entry_id" = o."id") THEN
      PERFORM ll_fail('ORDER_ENTRY', 'LL422');
    END IF;
    -- A referral's awards too: its order's cancel or full refund takes them back (voiding it).
    IF EXISTS (SELECT 1 FROM "referrals" WHERE "business_id" = o."business_id" AND "referrer_entry_id" = o."id")
       OR EXISTS (SELECT 1 FROM "referrals" WHERE "business_id" = o."business_id" AND "referee_entry_id" = o."id") THEN
      PERFORM ll_fail('REFERRAL_ENTRY', 'LL422');
    END IF;
  END IF;

  IF o."points" > 0 THEN
    SELECT * INTO v_lot FROM "point_lots" WHERE "business_id" = o."business_id" AND "entry_id" = o."id";
    IF v_lot."pending" THEN
      UPDATE "point_lots" SET "remaining" = 0, "depleted" = true, "pending" = false
       WHERE "business_id" = o."business_id" AND "id" = v_lot."id";
      INSERT INTO "lot_allocations" ("business_id", "entry_id", "lot_id", "points") VALUES (o."business_id", v_id, v_lot."id", -v_lot."remaining");
      RETURN ll_append(v_id, c, 'REVERSAL', -v_lot."remaining", -o."points", 0, req, NULL, o."id", false, -v_lot."remaining");
    END IF;
    SELECT coalesce(-sum(al."points"), 0) INTO v_gone FROM "lot_allocations" al
      JOIN "ledger_entries" e ON e."business_id" = al."business_id" AND e."id" = al."entry_id"
     WHERE al."business_id" = o."business_id" AND al."lot_id" = v_lot."id" AND e."type" = 'EXPIRE';
    v_take := o."points" - v_gone;
    IF c."balance" < v_take THEN PERFORM ll_fail('INSUFFICIENT_POINTS', 'LL422'); END IF;
    v_own := least(v_take, v_lot."remaining");
    IF v_own > 0 THEN
      UPDATE "point_lots" SET "remaining" = "remaining" - v_own, "depleted" = ("remaining" = v_own)
       WHERE "business_id" = o."business_id" AND "id" = v_lot."id";
      INSERT INTO "lot_allocations" ("business_id", "entry_id", "lot_id", "points") VALUES (o."business_id", v_id, v_lot."id", -v_own);
    END IF;
    PERFORM ll_consume(o."business_id", o."customer_id", v_id, v_take - v_own, NULL);
    RETURN ll_append(v_id, c, 'REVERSAL', -v_take, -o."points", 0, req, NULL, o."id", false, 0);
  END IF;

  FOR a IN SELECT "lot_id", "points" FROM "lot_allocations" WHERE "business_id" = o."business_id" AND "entry_id" = o."id" LOOP
    UPDATE "point_lots" SET "remaining" = "remaining" - a."points", "depleted" = false
     WHERE "business_id" = o."business_id" AND "id" = a."lot_id";
    INSERT INTO "lot_allocations" ("business_id", "entry_id", "lot_id", "points") VALUES (o."business_id", v_id, a."lot_id", -a."points");
  END LOOP;
  RETURN ll_append(v_id, c, 'REVERSAL', -o."points", 0, CASE WHEN o."type" = 'REDEEM' THEN o."points" ELSE 0 END, req, NULL, o."id", false, 0);
END $$;
