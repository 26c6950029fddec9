-- The one way a customer is created, whoever creates them: an award or check-in to someone new
-- (through ll_enrol), POST /customers, PUT /customers/{externalId}, bulk, the portal. It writes
-- the one customer.created event with the row. f: {email, phone, externalId, name, notes, birthday},
-- already normalised by the caller's schemas.
--
-- Returns the new id, or NULL when the email, phone or external id is already taken (ON
-- CONFLICT DO NOTHING: a unique violation would abort the caller's transaction). A concurrent
-- insert of the same identity makes this wait for it, then do nothing.
CREATE OR REPLACE FUNCTION customer_insert(p_business uuid, f jsonb) RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
  v_row "customers";
BEGIN
  INSERT INTO "customers" ("business_id", "email", "phone", "external_id", "name", "notes", "birthday")
  VALUES (p_business, f->>'email', f->>'phone', f->>'externalId', f->>'name', f->>'notes', (f->>'birthday')::date)
  ON CONFLICT DO NOTHING
  RETURNING * INTO v_row;
  IF v_row."id" IS NULL THEN RETURN NULL; END IF;
  PERFORM ll_emit_customer_created(v_row);
  PERFORM ll_campaign_signup(v_row);
  RETURN v_row."id";
END $$;

-- Find or enrol the customer a write names by email, phone or external id (e: {email, phone,
-- externalId, name}; the first one given is the identity). Runs inside ledger_write(), so a
-- refused award leaves no new customer behind. Returns the id and whether it was created.
CREATE OR REPLACE FUNCTION ll_enrol(p_business uuid, e jsonb, OUT id uuid, OUT created boolean) LANGUAGE plpgsql AS $$
BEGIN
  created := false;
  FOR attempt IN 1..2 LOOP
    SELECT c."id" INTO id FROM "customers" c
     WHERE c."business_id" = p_business AND c."erased_at" IS NULL
       AND CASE WHEN e ? 'email' THEN c."email" = e->>'email'
                WHEN e ? 'phone' THEN c."phone" = e->>'phone'
                ELSE c."external_id" = e->>'externalId' END;
    IF id IS NOT NULL OR attempt = 2 THEN EXIT; END IF;
    -- Lost a race with a concurrent enrolment of the same person: the second lookup (a new
    -- statement, so a fresh snapshot) finds their row.
    id := customer_insert(p_business, e);
    IF id IS NOT NULL THEN
      created := true;
      EXIT;
    END IF;
  END LOOP;
  -- The identity is new but another of the given identifiers belongs to someone else.
  IF id IS NULL THEN PERFORM ll_fail('IDENTITY_CONFLICT', 'LL409'); END IF;
END $$;
