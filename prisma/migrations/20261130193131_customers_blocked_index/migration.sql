-- The list's Blocked filter on a large tenant: blocked customers are few (about 1 in 100), and
-- counting them (the list counts up to 10,001 matches) read every row of the tenant: 230 ms at
-- 1M customers. Partial, so writes to everyone else's rows never touch it: an index on
-- (business_id, status) made every ledger write slower (hot customer 0.55-0.65x of before),
-- its entries all sharing one key per business. Hand-written: the schema can't say "partial".
CREATE INDEX "customers_blocked_idx" ON "customers" ("business_id", "created_at", "id") WHERE "status" = 'BLOCKED' AND "erased_at" IS NULL;
