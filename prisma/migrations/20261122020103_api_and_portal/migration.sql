-- CreateEnum
CREATE TYPE "EarnMode" AS ENUM ('SPEND', 'UNIT');

-- AlterTable
ALTER TABLE "businesses" ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'USD',
ADD COLUMN     "earn_mode" "EarnMode" NOT NULL DEFAULT 'SPEND',
ADD COLUMN     "earn_rate" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "point_value_per_100" INTEGER NOT NULL DEFAULT 100,
ADD COLUMN     "reward_threshold" INTEGER DEFAULT 100;

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "rate_limit_per_minute" INTEGER,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "badges" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "badges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_badges" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "badge_id" UUID NOT NULL,
    "awarded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_badges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "description" TEXT,
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabled_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" BIGSERIAL NOT NULL,
    "business_id" UUID NOT NULL,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" TEXT,
    "actor_name" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "details" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE INDEX "api_keys_business_id_created_at_idx" ON "api_keys"("business_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "badges_business_id_slug_key" ON "badges"("business_id", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "customer_badges_business_id_customer_id_badge_id_key" ON "customer_badges"("business_id", "customer_id", "badge_id");

-- CreateIndex
CREATE INDEX "webhook_endpoints_business_id_created_at_idx" ON "webhook_endpoints"("business_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_logs_business_id_created_at_idx" ON "audit_logs"("business_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_business_id_action_created_at_idx" ON "audit_logs"("business_id", "action", "created_at" DESC);

-- CreateIndex
CREATE INDEX "customers_business_id_lifetime_earned_idx" ON "customers"("business_id", "lifetime_earned");

-- CreateIndex
CREATE INDEX "customers_business_id_last_activity_at_idx" ON "customers"("business_id", "last_activity_at");

-- AddForeignKey
ALTER TABLE "customer_badges" ADD CONSTRAINT "customer_badges_badge_id_fkey" FOREIGN KEY ("badge_id") REFERENCES "badges"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written below.
ALTER TABLE "businesses" ADD CONSTRAINT "businesses_settings_valid"
  CHECK ("earn_rate" > 0 AND "point_value_per_100" >= 0 AND ("reward_threshold" IS NULL OR "reward_threshold" > 0)
         AND ("point_expiry_days" IS NULL OR "point_expiry_days" > 0));
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_rate_limit_positive" CHECK ("rate_limit_per_minute" IS NULL OR "rate_limit_per_minute" > 0);

CREATE TRIGGER "audit_logs_append_only" BEFORE UPDATE OR DELETE ON "audit_logs" FOR EACH ROW EXECUTE FUNCTION ll_reject_change();
CREATE TRIGGER "audit_logs_no_truncate" BEFORE TRUNCATE ON "audit_logs" FOR EACH STATEMENT EXECUTE FUNCTION ll_reject_change();
