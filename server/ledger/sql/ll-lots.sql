-- Lots: the points one credit opened, with their expiry. Every lot write happens under the
-- owning customer's row lock (ledger_write takes it first), so lots need no locks of their own.

-- Consume up to p_amount points from the customer's open spendable lots (never pending ones:
-- the caller released those that are due), soonest expiry first (only lots
-- expiring at or before p_before when given), recording each take against p_entry in
-- lot_allocations. Returns the points taken. Keeps: a lot's remaining = its points + the sum of
-- its allocations, and remaining never goes below zero.
CREATE OR REPLACE FUNCTION ll_consume(p_business uuid, p_customer uuid, p_entry uuid, p_amount int, p_before timestamptz)
RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  lots refcursor;
  lot record;
  v_left int := p_amount;
  v_take int;
BEGIN
  -- Two static queries, not one with "(p_before IS NULL OR ...)": PL/pgSQL caches a generic
  -- plan, and for that OR it can't bound the index scan, so every debit's expiry check would
  -- walk all of a customer's open lots.
  IF p_before IS NULL THEN
    OPEN lots FOR SELECT "id", "remaining" FROM "point_lots"
     WHERE "business_id" = p_business AND "customer_id" = p_customer AND NOT "depleted" AND NOT "pending"
     ORDER BY "expires_at" ASC NULLS LAST, "created_at", "id";
  ELSE
    OPEN lots FOR SELECT "id", "remaining" FROM "point_lots"
     WHERE "business_id" = p_business AND "customer_id" = p_customer AND NOT "depleted" AND NOT "pending" AND "expires_at" <= p_before
     ORDER BY "expires_at" ASC NULLS LAST, "created_at", "id";
  END IF;
  WHILE v_left > 0 LOOP
    FETCH lots INTO lot;
    EXIT WHEN NOT FOUND;
    v_take := least(v_left, lot."remaining");
    UPDATE "point_lots" SET "remaining" = "remaining" - v_take, "depleted" = ("remaining" = v_take)
     WHERE "business_id" = p_business AND "id" = lot."id";
    INSERT INTO "lot_allocations" ("business_id", "entry_id", "lot_id", "points") VALUES (p_business, p_entry, lot."id", -v_take);
    v_left := v_left - v_take;
  END LOOP;
  CLOSE lots;
  RETURN p_amount - v_left;
END $$;

-- Points still counted in a customer's cached balance although their lot expired at or before
-- p_at: what a read subtracts until the expiry job (or the customer's next write) expires them.
CREATE OR REPLACE FUNCTION ll_due(p_business uuid, p_customer uuid, p_at timestamptz) RETURNS int LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum("remaining"), 0)::int FROM "point_lots"
   WHERE "business_id" = p_business AND "customer_id" = p_customer AND NOT "depleted" AND "expires_at" <= p_at
$$;
