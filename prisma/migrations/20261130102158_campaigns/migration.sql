-- CreateEnum
CREATE TYPE "CampaignKind" AS ENUM ('SIGNUP', 'BIRTHDAY', 'MULTIPLIER');

-- CreateTable
CREATE TABLE "campaigns" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CampaignKind" NOT NULL,
    "points" INTEGER,
    "multiplier_percent" INTEGER,
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "store_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "categories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateTable
CREATE TABLE "campaign_awards" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "entry_id" UUID NOT NULL,
    "order_id" UUID,
    "points" INTEGER NOT NULL,
    "key" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT "campaign_awards_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateTable
CREATE TABLE "order_campaign_bonuses" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "points" INTEGER NOT NULL,
    "entry_id" UUID,
    "points_awarded" INTEGER NOT NULL DEFAULT 0,
    "points_taken" INTEGER NOT NULL DEFAULT 0,
    "points_unrecovered" INTEGER NOT NULL DEFAULT 0,
    "positions" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "base_points" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_campaign_bonuses_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateIndex
CREATE INDEX "campaigns_business_id_kind_active_idx" ON "campaigns"("business_id", "kind", "active");

-- CreateIndex
CREATE INDEX "campaign_awards_business_id_campaign_id_created_at_idx" ON "campaign_awards"("business_id", "campaign_id", "created_at");

-- CreateIndex
CREATE INDEX "campaign_awards_business_id_created_at_idx" ON "campaign_awards"("business_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_awards_business_id_entry_id_key" ON "campaign_awards"("business_id", "entry_id");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_awards_business_id_key_key" ON "campaign_awards"("business_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "order_campaign_bonuses_business_id_order_id_campaign_id_key" ON "order_campaign_bonuses"("business_id", "order_id", "campaign_id");

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_awards" ADD CONSTRAINT "campaign_awards_business_id_campaign_id_fkey" FOREIGN KEY ("business_id", "campaign_id") REFERENCES "campaigns"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_campaign_bonuses" ADD CONSTRAINT "order_campaign_bonuses_business_id_campaign_id_fkey" FOREIGN KEY ("business_id", "campaign_id") REFERENCES "campaigns"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the links to the ledger, customers and orders (tenant-scoped like every FK),
-- the rules between a campaign's fields, and the birthday job's index.
ALTER TABLE "campaign_awards" ADD CONSTRAINT "campaign_awards_customer_fkey" FOREIGN KEY ("business_id", "customer_id") REFERENCES "customers"("business_id", "id") ON DELETE RESTRICT;
ALTER TABLE "campaign_awards" ADD CONSTRAINT "campaign_awards_entry_fkey" FOREIGN KEY ("business_id", "entry_id") REFERENCES "ledger_entries"("business_id", "id") ON DELETE RESTRICT;
ALTER TABLE "campaign_awards" ADD CONSTRAINT "campaign_awards_order_fkey" FOREIGN KEY ("business_id", "order_id") REFERENCES "orders"("business_id", "id") ON DELETE RESTRICT;
ALTER TABLE "order_campaign_bonuses" ADD CONSTRAINT "order_campaign_bonuses_order_fkey" FOREIGN KEY ("business_id", "order_id") REFERENCES "orders"("business_id", "id") ON DELETE RESTRICT;
ALTER TABLE "order_campaign_bonuses" ADD CONSTRAINT "order_campaign_bonuses_entry_fkey" FOREIGN KEY ("business_id", "entry_id") REFERENCES "ledger_entries"("business_id", "id") ON DELETE RESTRICT;
ALTER TABLE "campaigns" ALTER COLUMN "store_ids" SET NOT NULL, ALTER COLUMN "categories" SET NOT NULL;
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_fields_check" CHECK (
  ("starts_at" IS NULL OR "ends_at" IS NULL OR "ends_at" > "starts_at")
  AND CASE "kind"
        WHEN 'MULTIPLIER' THEN coalesce("multiplier_percent" BETWEEN 101 AND 1000, false) AND "starts_at" IS NOT NULL AND "ends_at" IS NOT NULL AND "points" IS NULL
        ELSE coalesce("points" > 0, false) AND "multiplier_percent" IS NULL AND cardinality("store_ids") = 0 AND cardinality("categories") = 0
      END);
CREATE INDEX "customers_birthday_month_day_idx" ON "customers" ("business_id", ((EXTRACT(MONTH FROM "birthday") * 100 + EXTRACT(DAY FROM "birthday"))::int))
  WHERE "birthday" IS NOT NULL;

-- A campaign's bonus on an order is the order's to take back (ll_reverse refuses reversing it
-- alone): found by its entry.
CREATE UNIQUE INDEX "order_campaign_bonuses_business_id_entry_id_idx" ON "order_campaign_bonuses" ("business_id", "entry_id");
