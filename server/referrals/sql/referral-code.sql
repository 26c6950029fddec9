-- Referral codes: 8 characters from 32 that can't be misread (no 0/O, no 1/I), about 10^12
-- possibilities, unique per business (customers' unique index on business_id, referral_code).
-- Every customer gets one on insert, whatever path creates them (customer_insert(), the import's
-- COPY); the migration that added them backfilled the rest. Erasure retires the code (null).

-- A fresh random code. The bytes come from gen_random_uuid() (a CSPRNG); bytes 6 and 8 carry the
-- UUID's version and variant bits, so they are skipped; the low 5 bits of the others are random.
-- One PL/pgSQL expression rather than a query over unnest: it runs per inserted customer, and
-- was a sixth of a bulk insert's time as a query.
CREATE OR REPLACE FUNCTION ll_random_referral_code() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  b bytea := uuid_send(gen_random_uuid());
  a CONSTANT text := '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
BEGIN
  RETURN substr(a, get_byte(b, 0) % 32 + 1, 1) || substr(a, get_byte(b, 1) % 32 + 1, 1) || substr(a, get_byte(b, 2) % 32 + 1, 1)
      || substr(a, get_byte(b, 3) % 32 + 1, 1) || substr(a, get_byte(b, 4) % 32 + 1, 1) || substr(a, get_byte(b, 5) % 32 + 1, 1)
      || substr(a, get_byte(b, 7) % 32 + 1, 1) || substr(a, get_byte(b, 9) % 32 + 1, 1);
END $$;

-- BEFORE INSERT on customers: a code not yet taken in the business. Two inserts drawing the same
-- code at the same instant would meet the unique index instead (odds about one in 10^12 per pair).
CREATE OR REPLACE FUNCTION ll_assign_referral_code() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  v_code text;
BEGIN
  IF NEW."referral_code" IS NOT NULL OR NEW."erased_at" IS NOT NULL THEN RETURN NEW; END IF;
  LOOP
    v_code := ll_random_referral_code();
    -- Nor a retired one (an erased customer's, still on their referrals): it would name someone new.
    EXIT WHEN NOT EXISTS (SELECT 1 FROM "customers" WHERE "business_id" = NEW."business_id" AND "referral_code" = v_code)
          AND NOT EXISTS (SELECT 1 FROM "referrals" WHERE "business_id" = NEW."business_id" AND "code" = v_code);
  END LOOP;
  NEW."referral_code" := v_code;
  RETURN NEW;
END $$;

-- Called by ll_erase_customer_data() (server/customers/sql/erase-customer-data.sql) before it
-- clears the customer's identity: retires their code and removes the email and phone their
-- referrals were made to (matched while the customer row still has them).
CREATE OR REPLACE FUNCTION ll_erase_referrals(p_business uuid, p_customer uuid) RETURNS void LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE
  c "customers";
BEGIN
  SELECT * INTO c FROM "customers" WHERE "business_id" = p_business AND "id" = p_customer;
  IF NOT FOUND THEN RETURN; END IF;
  UPDATE "customers" SET "referral_code" = NULL WHERE "business_id" = p_business AND "id" = p_customer AND "referral_code" IS NOT NULL;
  UPDATE "referrals" SET "referee_email" = NULL, "referee_phone" = NULL
   WHERE "business_id" = p_business
     AND ("referee_id" = p_customer OR "referee_email" = c."email" OR "referee_phone" = c."phone")
     AND ("referee_email" IS NOT NULL OR "referee_phone" IS NOT NULL);
END $$;
