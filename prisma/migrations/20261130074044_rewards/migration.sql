-- CreateEnum
CREATE TYPE "CouponMode" AS ENUM ('NONE', 'GENERATED', 'POOL');

-- CreateEnum
CREATE TYPE "CouponStatus" AS ENUM ('AVAILABLE', 'ISSUED', 'USED', 'VOID');

-- CreateEnum
CREATE TYPE "RedemptionStatus" AS ENUM ('ACTIVE', 'CANCELLED');

-- CreateTable
CREATE TABLE "rewards" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "points_cost" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "stock" INTEGER,
    "per_customer_limit" INTEGER,
    "valid_from" TIMESTAMPTZ(3),
    "valid_until" TIMESTAMPTZ(3),
    "coupon_mode" "CouponMode" NOT NULL DEFAULT 'NONE',
    "coupon_prefix" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rewards_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateTable
CREATE TABLE "reward_coupons" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "reward_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "generated" BOOLEAN NOT NULL DEFAULT false,
    "status" "CouponStatus" NOT NULL,
    "redemption_id" UUID,
    "issued_at" TIMESTAMPTZ(3),
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reward_coupons_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateTable
CREATE TABLE "redemptions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "reward_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "reward_title" TEXT NOT NULL,
    "entry_id" UUID NOT NULL,
    "points" INTEGER NOT NULL,
    "coupon_code" TEXT,
    "status" "RedemptionStatus" NOT NULL DEFAULT 'ACTIVE',
    "idempotency_key" TEXT,
    "cancel_entry_id" UUID,
    "cancel_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "redemptions_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateIndex
CREATE INDEX "rewards_business_id_active_idx" ON "rewards"("business_id", "active");

-- CreateIndex
CREATE INDEX "reward_coupons_business_id_reward_id_status_idx" ON "reward_coupons"("business_id", "reward_id", "status");

-- CreateIndex
CREATE INDEX "reward_coupons_business_id_redemption_id_idx" ON "reward_coupons"("business_id", "redemption_id");

-- CreateIndex
CREATE UNIQUE INDEX "reward_coupons_business_id_code_key" ON "reward_coupons"("business_id", "code");

-- CreateIndex
CREATE INDEX "redemptions_business_id_customer_id_created_at_idx" ON "redemptions"("business_id", "customer_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "redemptions_business_id_reward_id_customer_id_status_idx" ON "redemptions"("business_id", "reward_id", "customer_id", "status");

-- CreateIndex
CREATE INDEX "redemptions_business_id_created_at_idx" ON "redemptions"("business_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "redemptions_business_id_idempotency_key_key" ON "redemptions"("business_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reward_coupons" ADD CONSTRAINT "reward_coupons_business_id_reward_id_fkey" FOREIGN KEY ("business_id", "reward_id") REFERENCES "rewards"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reward_coupons" ADD CONSTRAINT "reward_coupons_business_id_redemption_id_fkey" FOREIGN KEY ("business_id", "redemption_id") REFERENCES "redemptions"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;
-- Deferred: a redemption takes its coupon before the ledger entry it is recorded with exists.

-- AddForeignKey
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_business_id_reward_id_fkey" FOREIGN KEY ("business_id", "reward_id") REFERENCES "rewards"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_business_id_customer_id_fkey" FOREIGN KEY ("business_id", "customer_id") REFERENCES "customers"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: what the Prisma model can't say.
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_points_cost_check" CHECK ("points_cost" > 0);
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_stock_check" CHECK ("stock" IS NULL OR "stock" >= 0);
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_per_customer_limit_check" CHECK ("per_customer_limit" IS NULL OR "per_customer_limit" > 0);
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_validity_check" CHECK ("valid_from" IS NULL OR "valid_until" IS NULL OR "valid_from" < "valid_until");
ALTER TABLE "reward_coupons" ADD CONSTRAINT "reward_coupons_code_check" CHECK ("code" = upper("code"));
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_points_check" CHECK ("points" > 0);

-- The ledger entries a redemption wrote (its REDEEM, and the REVERSAL that cancelled it).
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_entry_fkey" FOREIGN KEY ("business_id", "entry_id") REFERENCES "ledger_entries"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_cancel_entry_fkey" FOREIGN KEY ("business_id", "cancel_entry_id") REFERENCES "ledger_entries"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE UNIQUE INDEX "redemptions_business_id_entry_id_key" ON "redemptions"("business_id", "entry_id");
