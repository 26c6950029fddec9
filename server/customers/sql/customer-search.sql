-- The customers search trigger (migration customer_search): keeps customer_search.text, what
-- the customer list's search box matches, in step with the customer's name, email and phone,
-- in the same transaction, whichever path changed them (enrolment by a ledger write, import,
-- REST, portal, erasure). Lower-cased here (emails and phones are stored normalised already),
-- so the list searches with a plain LIKE on a lower-cased term; a newline between the fields,
-- which a search (storable text, one line) can't contain, so no match spans two fields.
CREATE OR REPLACE FUNCTION ll_customer_search_text(p_name text, p_email text, p_phone text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT concat_ws(E'\n', coalesce(lower(p_name), ''), coalesce(p_email, ''), coalesce(p_phone, ''))
$$;

CREATE OR REPLACE FUNCTION ll_customer_search() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO "customer_search" ("business_id", "customer_id", "text")
  VALUES (NEW."business_id", NEW."id", ll_customer_search_text(NEW."name", NEW."email", NEW."phone"))
  ON CONFLICT ("business_id", "customer_id") DO UPDATE SET "text" = EXCLUDED."text";
  RETURN NULL;
END $$;
