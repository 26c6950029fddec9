-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('PENDING', 'PAID', 'FULFILLED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "OrderPointsWhen" AS ENUM ('PAID', 'FULFILLED');

-- AlterTable
ALTER TABLE "businesses" ADD COLUMN     "order_earns_on_shipping" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "order_earns_on_tax" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "order_points_when" "OrderPointsWhen" NOT NULL DEFAULT 'PAID';

-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "customer_id" UUID NOT NULL,
    "currency" TEXT NOT NULL,
    "subtotal" INTEGER NOT NULL,
    "discount" INTEGER NOT NULL,
    "shipping" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "status" "OrderStatus" NOT NULL,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "store_id" UUID,
    "referral_code" TEXT,
    "request_hash" TEXT NOT NULL,
    "eligible_amount" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "award_entry_id" UUID,
    "points_awarded" INTEGER NOT NULL DEFAULT 0,
    "points_refunded" INTEGER NOT NULL DEFAULT 0,
    "points_unrecovered" INTEGER NOT NULL DEFAULT 0,
    "amount_refunded" INTEGER NOT NULL DEFAULT 0,
    "eligible_refunded" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateTable
CREATE TABLE "order_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "product_external_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price" INTEGER NOT NULL,
    "line_total" INTEGER NOT NULL,
    "excluded" BOOLEAN NOT NULL,
    "eligible_amount" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "quantity_refunded" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "order_items_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateTable
CREATE TABLE "order_refunds" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "eligible_amount" INTEGER NOT NULL,
    "items" JSONB,
    "points_taken" INTEGER NOT NULL,
    "points_unrecovered" INTEGER NOT NULL,
    "entry_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_refunds_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateIndex
CREATE INDEX "orders_business_id_customer_id_created_at_idx" ON "orders"("business_id", "customer_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "orders_business_id_created_at_idx" ON "orders"("business_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "orders_business_id_external_id_key" ON "orders"("business_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "order_items_business_id_order_id_position_key" ON "order_items"("business_id", "order_id", "position");

-- CreateIndex
CREATE INDEX "order_refunds_business_id_order_id_created_at_idx" ON "order_refunds"("business_id", "order_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "order_refunds_business_id_idempotency_key_key" ON "order_refunds"("business_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_business_id_customer_id_fkey" FOREIGN KEY ("business_id", "customer_id") REFERENCES "customers"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_business_id_order_id_fkey" FOREIGN KEY ("business_id", "order_id") REFERENCES "orders"("business_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_refunds" ADD CONSTRAINT "order_refunds_business_id_order_id_fkey" FOREIGN KEY ("business_id", "order_id") REFERENCES "orders"("business_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The invariants the orders core keeps, held by the database too: money never negative, points
-- taken back (or found unrecoverable) never more than the order was awarded, refunds never more
-- than the order's total.
ALTER TABLE "orders" ADD CONSTRAINT "orders_amounts_check" CHECK (
  "subtotal" >= 0 AND "discount" >= 0 AND "discount" <= "subtotal" AND "shipping" >= 0 AND "tax" >= 0
  AND "eligible_amount" >= 0 AND "points" >= 0 AND "points_awarded" >= 0);
ALTER TABLE "orders" ADD CONSTRAINT "orders_refunds_check" CHECK (
  "points_refunded" >= 0 AND "points_unrecovered" >= 0 AND "points_refunded" + "points_unrecovered" <= "points_awarded"
  AND "amount_refunded" >= 0 AND "amount_refunded" <= "subtotal" - "discount" + "shipping" + "tax"
  AND "eligible_refunded" >= 0 AND "eligible_refunded" <= "eligible_amount");
ALTER TABLE "orders" ADD CONSTRAINT "orders_external_id_check" CHECK (length("external_id") BETWEEN 1 AND 100 AND "external_id" = btrim("external_id"));
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_amounts_check" CHECK (
  "quantity" > 0 AND "unit_price" >= 0 AND "line_total" = "quantity" * "unit_price" AND "eligible_amount" >= 0 AND "points" >= 0
  AND "quantity_refunded" >= 0 AND "quantity_refunded" <= "quantity");
ALTER TABLE "order_refunds" ADD CONSTRAINT "order_refunds_amounts_check" CHECK (
  "amount" >= 0 AND "eligible_amount" >= 0 AND "points_taken" >= 0 AND "points_unrecovered" >= 0);

-- The ledger asks whether an entry is an order's award (to refuse reversing it alone).
CREATE UNIQUE INDEX "orders_award_entry_idx" ON "orders" ("business_id", "award_entry_id") WHERE "award_entry_id" IS NOT NULL;
