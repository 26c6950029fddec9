-- CreateEnum
CREATE TYPE "WebhookEndpointStatus" AS ENUM ('ACTIVE', 'DISABLED', 'FAILING');

-- CreateEnum
CREATE TYPE "WebhookDeliveryKind" AS ENUM ('EVENT', 'TEST', 'RESEND', 'REPLAY');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- AlterTable
ALTER TABLE "businesses" ADD COLUMN     "expiring_soon_days" INTEGER NOT NULL DEFAULT 7;

-- AlterTable
ALTER TABLE "point_lots" ADD COLUMN     "expiry_warned_at" TIMESTAMPTZ(3);

-- AlterTable
-- Added without a default, then given one: a volatile default on ADD COLUMN would rewrite the
-- whole outbox (every event ever written) under an exclusive lock. Older events keep a null id
-- and are never sent (see the outbox_backlog migration).
ALTER TABLE "outbox_events" ADD COLUMN "event_id" UUID;
ALTER TABLE "outbox_events" ALTER COLUMN "event_id" SET DEFAULT gen_random_uuid();

-- AlterTable
ALTER TABLE "webhook_endpoints" ADD COLUMN     "failing_since" TIMESTAMPTZ(3),
ADD COLUMN     "last_failure_at" TIMESTAMPTZ(3),
ADD COLUMN     "previous_secret" TEXT,
ADD COLUMN     "previous_secret_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "status" "WebhookEndpointStatus" NOT NULL DEFAULT 'ACTIVE',
ADD COLUMN     "status_reason" TEXT,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "event_id" BIGINT NOT NULL,
    "kind" "WebhookDeliveryKind" NOT NULL DEFAULT 'EVENT',
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "last_duration_ms" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateTable
CREATE TABLE "webhook_attempts" (
    "id" BIGSERIAL NOT NULL,
    "business_id" UUID NOT NULL,
    "delivery_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "status_code" INTEGER,
    "duration_ms" INTEGER NOT NULL,
    "error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateTable
CREATE TABLE "job_workers" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "stale_after_ms" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_workers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_deliveries_business_id_endpoint_id_created_at_idx" ON "webhook_deliveries"("business_id", "endpoint_id", "created_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_business_id_event_id_idx" ON "webhook_deliveries"("business_id", "event_id");

-- CreateIndex
CREATE INDEX "webhook_attempts_business_id_delivery_id_idx" ON "webhook_attempts"("business_id", "delivery_id");

-- CreateIndex
CREATE INDEX "outbox_events_business_id_created_at_idx" ON "outbox_events"("business_id", "created_at");

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_business_id_endpoint_id_fkey" FOREIGN KEY ("business_id", "endpoint_id") REFERENCES "webhook_endpoints"("business_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_business_id_event_id_fkey" FOREIGN KEY ("business_id", "event_id") REFERENCES "outbox_events"("business_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_business_id_delivery_id_fkey" FOREIGN KEY ("business_id", "delivery_id") REFERENCES "webhook_deliveries"("business_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Endpoints disabled before statuses existed.
UPDATE "webhook_endpoints" SET "status" = 'DISABLED' WHERE "disabled_at" IS NOT NULL;

-- Room on each page for a delivery's new version, so recording an attempt is a HOT update.
ALTER TABLE "webhook_deliveries" SET (fillfactor = 80);

-- The lots points.expiring_soon has yet to warn about, by expiry: the hourly job reads a range
-- of it, not every lot already warned. Setting expiry_warned_at takes a lot out (one non-HOT
-- update per lot, once); the ledger's updates of `remaining` stay HOT.
CREATE INDEX "point_lots_unwarned_idx" ON "point_lots" ("business_id", "expires_at")
  WHERE NOT "depleted" AND "expires_at" IS NOT NULL AND "expiry_warned_at" IS NULL;
