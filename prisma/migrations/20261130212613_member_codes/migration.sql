-- AlterTable
ALTER TABLE "customers" ADD COLUMN "member_sessions_ended_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "member_codes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "window_started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "window_codes" INTEGER NOT NULL DEFAULT 0,
    "window_failures" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "member_codes_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateTable
CREATE TABLE "member_links" (
    "id" UUID NOT NULL,
    "business_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_links_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateIndex
CREATE INDEX "member_links_business_id_customer_id_idx" ON "member_links"("business_id", "customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "member_codes_business_id_customer_id_key" ON "member_codes"("business_id", "customer_id");

-- AddForeignKey
ALTER TABLE "member_codes" ADD CONSTRAINT "member_codes_business_id_customer_id_fkey" FOREIGN KEY ("business_id", "customer_id") REFERENCES "customers"("business_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_links" ADD CONSTRAINT "member_links_business_id_customer_id_fkey" FOREIGN KEY ("business_id", "customer_id") REFERENCES "customers"("business_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
