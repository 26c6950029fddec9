-- CreateTable
CREATE TABLE "customer_search" (
    "business_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "customer_search_pkey" PRIMARY KEY ("business_id","customer_id")
);

-- AddForeignKey
ALTER TABLE "customer_search" ADD CONSTRAINT "customer_search_business_id_customer_id_fkey" FOREIGN KEY ("business_id", "customer_id") REFERENCES "customers"("business_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The customer list's search (server/customers/list-customers.ts). pg_trgm and btree_gin are
-- trusted extensions: the database owner running migrations may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- Three characters or more: a substring anywhere (LIKE '%term%'), the tenant's rows picked in
-- the same index (btree_gin's business_id), so a small tenant next to a large one reads only
-- its own matches.
CREATE INDEX "customer_search_trgm_idx" ON "customer_search" USING gin ("business_id", "text" gin_trgm_ops);
-- One or two characters (no trigram to look up): names that start with them (LIKE 'te%').
CREATE INDEX "customer_search_prefix_idx" ON "customer_search" ("business_id", "text" text_pattern_ops);

-- The trigger's body lives in server/customers/sql/customer-search.sql (applied right after
-- the migrations, in the same transaction); this placeholder only lets the triggers be created.
-- Only the columns searched, so the ledger's UPDATE (ll_append) never even queues it.
CREATE OR REPLACE FUNCTION ll_customer_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NULL;
END $$;

CREATE TRIGGER "customers_search_insert" AFTER INSERT ON "customers"
FOR EACH ROW EXECUTE FUNCTION ll_customer_search();

CREATE TRIGGER "customers_search_update" AFTER UPDATE OF "name", "email", "phone" ON "customers"
FOR EACH ROW
WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."email" IS DISTINCT FROM NEW."email" OR OLD."phone" IS DISTINCT FROM NEW."phone")
EXECUTE FUNCTION ll_customer_search();

-- Today's customers (the same text as ll_customer_search_text in customer-search.sql).
INSERT INTO "customer_search" ("business_id", "customer_id", "text")
SELECT "business_id", "id", concat_ws(E'\n', coalesce(lower("name"), ''), coalesce("email", ''), coalesce("phone", ''))
  FROM "customers";
