-- customer.updated, customer.blocked, customer.unblocked and customer.erased are written by a
-- trigger, so every path that changes a customer (REST PATCH and PUT, the portal, erasure, and
-- whatever comes later) announces it in its own transaction. Only the columns integrators see
-- and that no ledger write sets: the ledger's UPDATE (ll_append) names none of them, so the
-- trigger isn't even queued on the hot path. The body lives in
-- server/customers/sql/customer-events.sql (applied right after the migrations, in the same
-- transaction); this placeholder only lets the trigger be created first.
CREATE OR REPLACE FUNCTION ll_customer_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NULL;
END $$;

CREATE TRIGGER "customers_events" AFTER UPDATE OF "email", "phone", "external_id", "name", "status", "erased_at" ON "customers"
FOR EACH ROW
WHEN (OLD."email" IS DISTINCT FROM NEW."email" OR OLD."phone" IS DISTINCT FROM NEW."phone"
   OR OLD."external_id" IS DISTINCT FROM NEW."external_id" OR OLD."name" IS DISTINCT FROM NEW."name"
   OR OLD."status" IS DISTINCT FROM NEW."status" OR OLD."erased_at" IS DISTINCT FROM NEW."erased_at")
EXECUTE FUNCTION ll_customer_events();
