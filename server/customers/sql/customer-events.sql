-- The customers trigger (migration customer_events): what an integrator sees of a customer
-- changed, so the outbox says so, in the same transaction, whichever path made the change.
-- A trigger rather than a call in each domain function: the REST PATCH and PUT, the portal and
-- erasure all update customers, and one added later can't forget to announce it. It fires only
-- for UPDATEs that set one of its columns and move it (the WHEN clause), and the ledger's own
-- UPDATE (ll_append: balance, totals, tier, last activity) sets none: those moves are the
-- points.* events' to announce.
--
-- Staff notes aren't in events (ll_customer_json), so changing them announces nothing.
CREATE OR REPLACE FUNCTION ll_customer_events() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  v_changes text[];
BEGIN
  -- An erasure clears every personal column and blocks the customer: one customer.erased with
  -- the id, never a customer.updated or customer.blocked that would carry or hint at the values.
  -- Erasure is one-way (ll_erasure_one_way), so this fires once; an erased customer announces
  -- nothing more.
  IF NEW."erased_at" IS NOT NULL THEN
    IF OLD."erased_at" IS NULL THEN PERFORM ll_emit_customer_erased(NEW); END IF;
    RETURN NULL;
  END IF;

  v_changes := array_remove(ARRAY[
    CASE WHEN OLD."name" IS DISTINCT FROM NEW."name" THEN 'name' END,
    CASE WHEN OLD."email" IS DISTINCT FROM NEW."email" THEN 'email' END,
    CASE WHEN OLD."phone" IS DISTINCT FROM NEW."phone" THEN 'phone' END,
    CASE WHEN OLD."external_id" IS DISTINCT FROM NEW."external_id" THEN 'externalId' END], NULL);
  IF cardinality(v_changes) > 0 THEN PERFORM ll_emit_customer_updated(NEW, v_changes); END IF;
  IF OLD."status" IS DISTINCT FROM NEW."status" THEN PERFORM ll_emit_customer_status(NEW); END IF;
  RETURN NULL;
END $$;
