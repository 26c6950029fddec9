-- The tier a lifetime total reaches under the business's tier table.
CREATE OR REPLACE FUNCTION ll_tier(p_business uuid, p_lifetime int) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT t->>'name' FROM "businesses" b, jsonb_array_elements(b."tiers") t
   WHERE b."id" = p_business AND (t->>'minLifetimePoints')::int <= p_lifetime
   ORDER BY (t->>'minLifetimePoints')::int DESC LIMIT 1
$$;

-- A new customer starts in the tier their (zero) lifetime total reaches.
CREATE OR REPLACE FUNCTION ll_customer_tier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."tier" := coalesce(NEW."tier", ll_tier(NEW."business_id", NEW."lifetime_earned"));
  RETURN NEW;
END $$;
