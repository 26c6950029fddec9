-- Tiers. A business's tier table is businesses.tiers ([{name, minPoints, multiplierPercent}]);
-- a customer's tier is the highest whose minPoints their qualifying points reach. Qualifying
-- points are, per businesses.tier_basis, every point earned (LIFETIME) or those earned in the
-- last 12 months (ROLLING_12_MONTHS), counting pending points only once available and none of
-- a credit that was reversed.

-- The tier (its JSON element) a number of qualifying points reaches; NULL below every tier.
CREATE OR REPLACE FUNCTION ll_tier_for(p_business uuid, p_points int) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT t FROM "businesses" b, jsonb_array_elements(b."tiers") t
   WHERE b."id" = p_business AND (t->>'minPoints')::int <= p_points
   ORDER BY (t->>'minPoints')::int DESC LIMIT 1
$$;

CREATE OR REPLACE FUNCTION ll_tier(p_business uuid, p_points int) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT ll_tier_for(p_business, p_points)->>'name'
$$;

-- Qualifying points as of now. p_lifetime and p_pending are the customer's lifetime earned and
-- pending points as of now (a write passes its locked row; a read the live values).
-- The rolling sum reads one customer's credits of the last 24 months by the (business,
-- customer, created_at) index: a credit made pending up to 365 days can become available, and
-- so start counting, up to a year after it was written.
CREATE OR REPLACE FUNCTION ll_qualifying(p_business uuid, p_customer uuid, p_basis "TierBasis", p_lifetime int, p_pending int)
RETURNS int LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN p_basis = 'LIFETIME' THEN p_lifetime - p_pending ELSE (
    SELECT coalesce(sum(e."points"), 0)::int FROM "ledger_entries" e
     WHERE e."business_id" = p_business AND e."customer_id" = p_customer
       AND e."created_at" > now() - interval '24 months'
       AND e."points" > 0 AND e."type" IN ('AWARD', 'ADJUST')
       AND coalesce(e."available_at", e."created_at") <= now()
       AND coalesce(e."available_at", e."created_at") > now() - interval '12 months'
       AND NOT EXISTS (SELECT 1 FROM "ledger_entries" r WHERE r."business_id" = p_business AND r."reverses_entry_id" = e."id"))
  END
$$;

-- Puts a locked customer in the tier their qualifying points reach now; a change is recorded
-- in tier_changes and announced (customer.tier_changed). Returns the row as it now is.
CREATE OR REPLACE FUNCTION ll_retier(c "customers", p_reason text) RETURNS "customers" LANGUAGE plpgsql AS $$
DECLARE
  v_basis "TierBasis";
  v_tiers jsonb;
  v_points int;
  v_tier text;
  v_from text := c."tier";
BEGIN
  -- One read of the business (on every award's path): its basis and tier table together.
  SELECT "tier_basis", "tiers" INTO v_basis, v_tiers FROM "businesses" WHERE "id" = c."business_id";
  v_points := ll_qualifying(c."business_id", c."id", v_basis, c."lifetime_earned", c."pending");
  SELECT t->>'name' INTO v_tier FROM jsonb_array_elements(v_tiers) t
   WHERE (t->>'minPoints')::int <= v_points ORDER BY (t->>'minPoints')::int DESC LIMIT 1;
  IF v_tier IS NOT DISTINCT FROM v_from THEN RETURN c; END IF;
  UPDATE "customers" SET "tier" = v_tier, "updated_at" = now()
   WHERE "business_id" = c."business_id" AND "id" = c."id" RETURNING * INTO c;
  INSERT INTO "tier_changes" ("business_id", "customer_id", "from_tier", "to_tier", "qualifying_points", "reason")
  VALUES (c."business_id", c."id", v_from, v_tier, v_points, p_reason);
  PERFORM ll_emit_tier_changed(c, v_from, v_points, p_reason);
  RETURN c;
END $$;

-- Re-evaluates a business's customers (the daily job for a rolling basis, and after the tier
-- table or basis changes), a page at a time in id order after p_after, one customer at a time
-- under their row lock so no ledger write races it; each page is its own short transaction,
-- holding at most a page of customer locks until it commits. A customer being written right
-- now is skipped (returned in `skipped`) rather than waited for: the caller comes back to them
-- with ll_reevaluate_customers once the pass is done. Returns the last id done (NULL: no more),
-- how many changed tier and whom it skipped.
CREATE OR REPLACE FUNCTION ll_reevaluate_tiers(p_business uuid, p_after uuid, p_limit int, OUT last_id uuid, OUT changed int, OUT skipped uuid[])
LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid;
  c "customers";
BEGIN
  changed := 0;
  skipped := '{}';
  FOR v_id IN SELECT "id" FROM "customers" WHERE "business_id" = p_business AND "erased_at" IS NULL
                 AND "id" > coalesce(p_after, '00000000-0000-0000-0000-000000000000'::uuid) ORDER BY "id" LIMIT p_limit LOOP
    last_id := v_id;
    SELECT * INTO c FROM "customers" WHERE "business_id" = p_business AND "id" = v_id FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
      skipped := skipped || v_id;
      CONTINUE;
    END IF;
    IF ll_reevaluate_customer(c) THEN changed := changed + 1; END IF;
  END LOOP;
END $$;

-- The customers a pass skipped, this time waiting for each one's lock (they are few).
CREATE OR REPLACE FUNCTION ll_reevaluate_customers(p_business uuid, p_ids uuid[]) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid;
  c "customers";
  v_changed int := 0;
BEGIN
  FOREACH v_id IN ARRAY p_ids LOOP
    SELECT * INTO c FROM "customers" WHERE "business_id" = p_business AND "id" = v_id AND "erased_at" IS NULL FOR UPDATE;
    IF FOUND AND ll_reevaluate_customer(c) THEN v_changed := v_changed + 1; END IF;
  END LOOP;
  RETURN v_changed;
END $$;

-- One locked customer: pending points whose time has come count (as balance answers already
-- count them), then the tier their qualifying points reach. True when the tier changed.
CREATE OR REPLACE FUNCTION ll_reevaluate_customer(c "customers") RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  v_from text := c."tier";
BEGIN
  c := ll_release(c);
  RETURN (ll_retier(c, 'REEVALUATED'))."tier" IS DISTINCT FROM v_from;
END $$;

-- A new customer starts in the tier zero points reach.
CREATE OR REPLACE FUNCTION ll_customer_tier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."tier" := coalesce(NEW."tier", ll_tier(NEW."business_id", NEW."lifetime_earned"));
  RETURN NEW;
END $$;
