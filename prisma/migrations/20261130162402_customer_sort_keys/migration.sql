-- DropIndex
DROP INDEX "customers_business_id_created_at_idx";

-- DropIndex
DROP INDEX "customers_business_id_balance_idx";

-- DropIndex
DROP INDEX "customers_business_id_lifetime_earned_idx";

-- DropIndex
DROP INDEX "customers_business_id_last_activity_at_idx";

-- CreateIndex
CREATE INDEX "customers_business_id_created_at_id_idx" ON "customers"("business_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "customers_business_id_balance_id_idx" ON "customers"("business_id", "balance", "id");

-- CreateIndex
CREATE INDEX "customers_business_id_lifetime_earned_id_idx" ON "customers"("business_id", "lifetime_earned", "id");

-- CreateIndex
CREATE INDEX "customers_business_id_last_activity_at_id_idx" ON "customers"("business_id", "last_activity_at", "id");

-- CreateIndex
CREATE INDEX "customers_business_id_name_id_idx" ON "customers"("business_id", "name", "id");

