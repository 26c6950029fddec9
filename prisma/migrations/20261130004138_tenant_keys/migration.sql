-- Tenant keys: every tenant table's primary key becomes (business_id, id), so that unique keys
-- and foreign keys can all include business_id (what distributing by business needs).

-- DropForeignKey
ALTER TABLE "customer_badges" DROP CONSTRAINT "customer_badges_badge_id_fkey";

-- Hand-moved: these two reference customers (business_id, id) through the unique index dropped
-- next; they are re-created against the new primary key at the end.
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_business_id_customer_id_fkey";
ALTER TABLE "point_lots" DROP CONSTRAINT "point_lots_business_id_customer_id_fkey";

-- DropIndex
DROP INDEX "customers_business_id_id_key";

-- DropIndex
DROP INDEX "ledger_entries_business_id_idempotency_key_key";

-- AlterTable
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_pkey",
ADD CONSTRAINT "memberships_pkey" PRIMARY KEY ("business_id", "id");

-- AlterTable
ALTER TABLE "customers" DROP CONSTRAINT "customers_pkey",
ADD COLUMN     "notes" TEXT,
ADD CONSTRAINT "customers_pkey" PRIMARY KEY ("business_id", "id");

-- AlterTable
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_pkey",
ADD COLUMN     "request_id" TEXT,
ADD CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("business_id", "id");

-- AlterTable
ALTER TABLE "point_lots" DROP CONSTRAINT "point_lots_pkey",
ADD CONSTRAINT "point_lots_pkey" PRIMARY KEY ("business_id", "id");

-- AlterTable
ALTER TABLE "lot_allocations" DROP CONSTRAINT "lot_allocations_pkey",
ADD CONSTRAINT "lot_allocations_pkey" PRIMARY KEY ("business_id", "id");

-- AlterTable
ALTER TABLE "outbox_events" DROP CONSTRAINT "outbox_events_pkey",
ADD CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("business_id", "id");

-- AlterTable
ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_pkey",
ADD CONSTRAINT "api_keys_pkey" PRIMARY KEY ("business_id", "id");

-- AlterTable
ALTER TABLE "badges" DROP CONSTRAINT "badges_pkey",
ADD CONSTRAINT "badges_pkey" PRIMARY KEY ("business_id", "id");

-- AlterTable
ALTER TABLE "customer_badges" DROP CONSTRAINT "customer_badges_pkey",
ADD CONSTRAINT "customer_badges_pkey" PRIMARY KEY ("business_id", "id");

-- AlterTable
ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "webhook_endpoints_pkey",
ADD CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("business_id", "id");

-- AlterTable
ALTER TABLE "audit_logs" DROP CONSTRAINT "audit_logs_pkey",
ADD COLUMN     "request_id" TEXT,
ADD CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("business_id", "id");

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "business_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT,
    "entry_id" UUID,
    "outcome" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("business_id","key")
);

-- AddForeignKey
ALTER TABLE "customer_badges" ADD CONSTRAINT "customer_badges_business_id_badge_id_fkey" FOREIGN KEY ("business_id", "badge_id") REFERENCES "badges"("business_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_badges" ADD CONSTRAINT "customer_badges_business_id_customer_id_fkey" FOREIGN KEY ("business_id", "customer_id") REFERENCES "customers"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written below.
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_business_id_customer_id_fkey" FOREIGN KEY ("business_id", "customer_id") REFERENCES "customers"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "point_lots" ADD CONSTRAINT "point_lots_business_id_customer_id_fkey" FOREIGN KEY ("business_id", "customer_id") REFERENCES "customers"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Keys used so far live on their entries: carry them over, so a retry of a request made before
-- this migration still replays instead of writing twice.
INSERT INTO "idempotency_keys" ("business_id", "key", "request_hash", "entry_id", "outcome", "created_at")
SELECT "business_id", "idempotency_key", "request_hash", "id", jsonb_build_object('customerId', "customer_id", 'customerCreated', false, 'balance', "balance_after", 'expiredId', NULL, 'context', NULL), "created_at"
  FROM "ledger_entries" WHERE "idempotency_key" IS NOT NULL;

CREATE TRIGGER "idempotency_keys_append_only" BEFORE UPDATE OR DELETE ON "idempotency_keys" FOR EACH ROW EXECUTE FUNCTION ll_reject_change();
CREATE TRIGGER "idempotency_keys_no_truncate" BEFORE TRUNCATE ON "idempotency_keys" FOR EACH STATEMENT EXECUTE FUNCTION ll_reject_change();

-- The ledger's functions now live in server/**/sql/*.sql, applied after the migrations by the
-- runner. These two changed their arguments; drop the old versions so no caller reaches them.
DROP FUNCTION ll_append(uuid, uuid, uuid, "EntryType", int, int, int, jsonb, timestamptz, uuid);
DROP FUNCTION ll_expire(uuid, uuid, timestamptz, int, jsonb);

-- Lots past their date, per business: what a balance read subtracts until they are expired
-- (analytics liability), and what the expiry job walks, one business at a time.
DROP INDEX "point_lots_expiring_idx";
CREATE INDEX "point_lots_due_idx" ON "point_lots" ("business_id", "expires_at") WHERE NOT "depleted" AND "expires_at" IS NOT NULL;
