-- points.expiring_soon: one batch of one business's open lots that expire within its
-- expiring_soon_days of p_now (and haven't yet), each warned once: expiry_warned_at is set and
-- the event written in the same statement. Workers running at once take disjoint lots (SKIP
-- LOCKED: never waits on another worker nor on a ledger write moving a lot), and a lot a
-- concurrent batch warned and committed fails the re-check of expiry_warned_at IS NULL. No
-- customer row lock: the ledger locks the customer first, then its lots; this takes lots only.
--
-- On point_lots_unwarned_idx (business_id, expires_at WHERE NOT depleted AND expiry_warned_at
-- IS NULL): the window is a range of it holding only lots still to warn, so a batch never
-- rereads the lots earlier batches warned. Setting expiry_warned_at takes the lot out of that
-- index (one non-HOT update per lot, once); the ledger's updates of `remaining` stay HOT.
-- Returns how many lots it warned.
CREATE OR REPLACE FUNCTION ll_warn_expiring_lots(p_business uuid, p_now timestamptz, p_limit int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  v_days int;
  v_lot "point_lots";
  v_customer "customers";
  v_count int := 0;
BEGIN
  SELECT "expiring_soon_days" INTO v_days FROM "businesses" WHERE "id" = p_business;
  IF v_days IS NULL THEN RETURN 0; END IF;
  FOR v_lot IN
    WITH due AS (
      SELECT l."id" FROM "point_lots" l
       WHERE l."business_id" = p_business AND NOT l."depleted" AND l."expiry_warned_at" IS NULL
         AND l."expires_at" > p_now AND l."expires_at" <= p_now + make_interval(days => v_days)
         -- Not for points the customer can't spend yet: warned once they become available.
         AND (NOT l."pending" OR l."available_at" <= p_now)
       ORDER BY l."expires_at", l."id"
       LIMIT p_limit
         FOR UPDATE SKIP LOCKED)
    UPDATE "point_lots" l SET "expiry_warned_at" = now()
      FROM due
     WHERE l."business_id" = p_business AND l."id" = due."id" AND l."expiry_warned_at" IS NULL
    RETURNING l.*
  LOOP
    SELECT * INTO v_customer FROM "customers" WHERE "business_id" = p_business AND "id" = v_lot."customer_id";
    PERFORM ll_emit_lot_expiring(v_lot, v_customer);
    v_count := v_count + 1;
  END LOOP;
  RETURN v_count;
END $$;
