-- CreateEnum
CREATE TYPE "TierBasis" AS ENUM ('LIFETIME', 'ROLLING_12_MONTHS');

-- AlterTable
ALTER TABLE "businesses" ADD COLUMN     "pending_days" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "tier_basis" "TierBasis" NOT NULL DEFAULT 'LIFETIME',
ALTER COLUMN "tiers" SET DEFAULT '[{"name":"Bronze","minPoints":0,"multiplierPercent":100},{"name":"Silver","minPoints":1000,"multiplierPercent":100},{"name":"Gold","minPoints":5000,"multiplierPercent":100}]';

-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "pending" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ledger_entries" ADD COLUMN     "available_at" TIMESTAMPTZ(3),
ADD COLUMN     "base_points" INTEGER,
ADD COLUMN     "multiplier_percent" INTEGER,
ADD COLUMN     "store_id" UUID;

-- AlterTable
ALTER TABLE "point_lots" ADD COLUMN     "available_at" TIMESTAMPTZ(3),
ADD COLUMN     "pending" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "tier_changes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "from_tier" TEXT,
    "to_tier" TEXT,
    "qualifying_points" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT "tier_changes_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateIndex
CREATE INDEX "tier_changes_business_id_customer_id_created_at_idx" ON "tier_changes"("business_id", "customer_id", "created_at");

-- AddForeignKey
-- NOT VALID: every existing entry has no store, so there is nothing to check, and validating
-- would scan the whole ledger while holding off its writes. New rows are checked as usual.
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_business_id_store_id_fkey" FOREIGN KEY ("business_id", "store_id") REFERENCES "stores"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID;

-- AddForeignKey
ALTER TABLE "tier_changes" ADD CONSTRAINT "tier_changes_business_id_customer_id_fkey" FOREIGN KEY ("business_id", "customer_id") REFERENCES "customers"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written.
-- Only entries that name a store are indexed by it: writes without one pay nothing.
CREATE INDEX "ledger_entries_store_idx" ON "ledger_entries" ("business_id", "store_id", "created_at") WHERE "store_id" IS NOT NULL;

-- Pending lots, for the write path's "anything to release?" probe and for the release job
-- (which goes business by business).
CREATE INDEX "point_lots_pending_idx" ON "point_lots" ("business_id", "customer_id", "available_at") WHERE "pending";

ALTER TABLE "customers" ADD CONSTRAINT "customers_pending_check" CHECK ("pending" >= 0);
ALTER TABLE "businesses" ADD CONSTRAINT "businesses_pending_days_check" CHECK ("pending_days" BETWEEN 0 AND 365);
ALTER TABLE "point_lots" ADD CONSTRAINT "point_lots_pending_check" CHECK (NOT "pending" OR "available_at" IS NOT NULL);

-- Tiers now have a multiplier, and their threshold counts qualifying points (lifetime or the
-- last 12 months), so minLifetimePoints becomes minPoints. 100% keeps today's earning.
UPDATE "businesses" SET "tiers" = coalesce((
  SELECT jsonb_agg(jsonb_build_object('name', t->>'name', 'minPoints', coalesce((t->>'minLifetimePoints')::int, 0), 'multiplierPercent', 100)
                   ORDER BY coalesce((t->>'minLifetimePoints')::int, 0))
    FROM jsonb_array_elements("tiers") t), '[]'::jsonb);

-- ll_append gains the pending points it moves (server/ledger/sql/ll-append.sql).
DROP FUNCTION IF EXISTS ll_append(uuid, "customers", "EntryType", int, int, int, jsonb, timestamptz, uuid, boolean);
-- ll_tier's argument is qualifying points now, not lifetime points (renamed: re-created by ll-tier.sql).
DROP FUNCTION IF EXISTS ll_tier(uuid, int);
-- (Re-created by ll-tier.sql with the customers it skipped as a third result.)
DROP FUNCTION IF EXISTS ll_reevaluate_tiers(uuid, uuid, int);
