-- Erasure is one-way: once customers.erased_at is set it stays, and so do the cleared personal
-- columns; only ll_erase_customer_data() sets it. The trigger's body lives in
-- server/customers/sql/erase-customer-data.sql (applied right after the migrations, in the same
-- transaction); this placeholder only lets the trigger be created first.
CREATE OR REPLACE FUNCTION ll_erasure_one_way() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END $$;

CREATE TRIGGER "customers_erasure_one_way" BEFORE UPDATE ON "customers" FOR EACH ROW EXECUTE FUNCTION ll_erasure_one_way();
