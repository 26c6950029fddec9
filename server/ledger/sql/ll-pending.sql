-- Pending points: a credit made pending (ll_credit) sits in a pending lot until its
-- available_at. Reads count it as spendable from that instant (live-balance.ts, get-balance.ts);
-- the lot itself is released by the customer's next write (ledger_write, before anything else)
-- or by the release job, whichever comes first, and points.available is written then.

-- Releases a locked customer's pending lots whose time has come: they move from pending into
-- the balance and towards tiers. Returns the customer row as it now is (unchanged if none).
CREATE OR REPLACE FUNCTION ll_release(c "customers") RETURNS "customers" LANGUAGE plpgsql AS $$
DECLARE
  v_lots "point_lots"[];
  v_points int;
  l "point_lots";
BEGIN
  WITH released AS (
    UPDATE "point_lots" SET "pending" = false
     WHERE "business_id" = c."business_id" AND "customer_id" = c."id" AND "pending" AND "available_at" <= now()
    RETURNING *)
  SELECT array_agg(r ORDER BY r."available_at", r."created_at"), coalesce(sum(r."remaining"), 0)::int INTO v_lots, v_points FROM released r;
  IF v_lots IS NULL THEN RETURN c; END IF;
  UPDATE "customers" SET "balance" = "balance" + v_points, "pending" = "pending" - v_points, "updated_at" = now()
   WHERE "business_id" = c."business_id" AND "id" = c."id" RETURNING * INTO c;
  c := ll_retier(c, 'AVAILABLE');
  FOREACH l IN ARRAY v_lots LOOP
    PERFORM ll_emit_available(c, l);
  END LOOP;
  RETURN c;
END $$;

-- The release job, for one business: up to p_limit customers with pending points due, each
-- released under their row lock (a customer being written right now is skipped: that write
-- releases them itself). Returns how many customers it released.
CREATE OR REPLACE FUNCTION ll_release_due(p_business uuid, p_limit int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  v_customer uuid;
  c "customers";
  v_done int := 0;
BEGIN
  -- (Erased customers are left out here too, so they can't fill every batch and stall the loop.)
  FOR v_customer IN SELECT DISTINCT l."customer_id" FROM "point_lots" l
                     JOIN "customers" cu ON cu."business_id" = l."business_id" AND cu."id" = l."customer_id" AND cu."erased_at" IS NULL
                     WHERE l."business_id" = p_business AND l."pending" AND l."available_at" <= now() LIMIT p_limit LOOP
    -- (An erased customer's pending points were cancelled with the erasure; never pay them out.)
    SELECT * INTO c FROM "customers" WHERE "business_id" = p_business AND "id" = v_customer AND "erased_at" IS NULL FOR UPDATE SKIP LOCKED;
    IF FOUND THEN
      PERFORM ll_release(c);
      v_done := v_done + 1;
    END IF;
  END LOOP;
  RETURN v_done;
END $$;
