-- The customer list filtered to blocked customers (a few in a hundred): without this, a page
-- and its count read the whole tenant to find them. Partial, so a ledger write (an UPDATE of an
-- active customer's balance, never HOT because balance is indexed) adds no entry to it: only
-- rows that are blocked and not erased are in it.
CREATE INDEX "customers_blocked_idx" ON "customers" ("business_id", "created_at", "id")
 WHERE "status" = 'BLOCKED' AND "erased_at" IS NULL;
