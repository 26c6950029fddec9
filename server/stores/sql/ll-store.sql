-- The store a ledger write names, by our id or by the business's own code for it (any case).
-- Only an open store can take new entries: unknown or closed is STORE_NOT_FOUND (a 400).
-- p_lenient: tills sent storeId as free text before stores existed; for a business that has
-- set up no stores at all it stays free text (kept in the entry's metadata by the caller).
CREATE OR REPLACE FUNCTION ll_store(p_business uuid, p_ref text, p_lenient boolean) RETURNS uuid LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_uuid uuid := CASE WHEN p_ref ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN p_ref::uuid END;
  v_id uuid;
BEGIN
  SELECT "id" INTO v_id FROM "stores"
   WHERE "business_id" = p_business AND "active" AND ("code" = upper(p_ref) OR "id" = v_uuid)
   LIMIT 1;
  IF v_id IS NOT NULL THEN RETURN v_id; END IF;
  IF p_lenient AND NOT EXISTS (SELECT 1 FROM "stores" WHERE "business_id" = p_business) THEN RETURN NULL; END IF;
  PERFORM ll_fail('STORE_NOT_FOUND', 'LL400');
END $$;
