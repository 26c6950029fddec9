-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('PENDING', 'COMPLETED', 'VOIDED');

-- CreateEnum
CREATE TYPE "ReferralSource" AS ENUM ('API', 'ORDER');

-- AlterTable
ALTER TABLE "businesses" ADD COLUMN     "referee_points" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "referral_minimum_order" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "referrer_points" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "referral_code" TEXT;

-- CreateTable
CREATE TABLE "referrals" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "referrer_id" UUID NOT NULL,
    "referee_id" UUID,
    "referee_email" TEXT,
    "referee_phone" TEXT,
    "code" TEXT,
    "source" "ReferralSource" NOT NULL,
    "status" "ReferralStatus" NOT NULL DEFAULT 'PENDING',
    "order_id" UUID,
    "referrer_points" INTEGER NOT NULL DEFAULT 0,
    "referee_points" INTEGER NOT NULL DEFAULT 0,
    "referrer_entry_id" UUID,
    "referee_entry_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "voided_at" TIMESTAMPTZ(3),
    "points_unrecovered" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "referrals_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateIndex
CREATE INDEX "referrals_business_id_referrer_id_created_at_idx" ON "referrals"("business_id", "referrer_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "referrals_business_id_created_at_idx" ON "referrals"("business_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "referrals_business_id_order_id_idx" ON "referrals"("business_id", "order_id");

-- CreateIndex
CREATE INDEX "referrals_business_id_code_idx" ON "referrals"("business_id", "code");

-- CreateIndex
CREATE INDEX "referrals_business_id_referrer_entry_id_idx" ON "referrals"("business_id", "referrer_entry_id");

-- CreateIndex
CREATE INDEX "referrals_business_id_referee_entry_id_idx" ON "referrals"("business_id", "referee_entry_id");

-- CreateIndex
CREATE UNIQUE INDEX "referrals_business_id_referee_id_key" ON "referrals"("business_id", "referee_id");

-- CreateIndex
CREATE UNIQUE INDEX "referrals_business_id_referee_email_key" ON "referrals"("business_id", "referee_email");

-- CreateIndex
CREATE UNIQUE INDEX "referrals_business_id_referee_phone_key" ON "referrals"("business_id", "referee_phone");

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_business_id_referrer_id_fkey" FOREIGN KEY ("business_id", "referrer_id") REFERENCES "customers"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_business_id_referee_id_fkey" FOREIGN KEY ("business_id", "referee_id") REFERENCES "customers"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Referral codes for every customer: new ones get theirs from a BEFORE INSERT trigger, whatever
-- path inserts them (customer_insert(), the import's COPY). The functions' bodies live in
-- server/referrals/sql/referral-code.sql, applied right after the migrations in the same
-- transaction; the generator is needed here already for the backfill, so it is defined here too
-- (the file then replaces it with the same body), and the trigger's is a placeholder.
CREATE OR REPLACE FUNCTION ll_random_referral_code() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT string_agg(substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (get_byte(r.b, i) % 32) + 1, 1), '' ORDER BY i)
    FROM (SELECT uuid_send(gen_random_uuid()) AS b) r, unnest(ARRAY[0, 1, 2, 3, 4, 5, 7, 9]) AS i
$$;

CREATE OR REPLACE FUNCTION ll_assign_referral_code() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END $$;

CREATE TRIGGER "customers_referral_code" BEFORE INSERT ON "customers" FOR EACH ROW EXECUTE FUNCTION ll_assign_referral_code();

-- Backfill the customers there are (not the erased: their code would be a handle on someone who
-- is gone). Drawn all at once, then the rare duplicates within a business drawn again until none.
UPDATE "customers" SET "referral_code" = ll_random_referral_code() WHERE "erased_at" IS NULL;
DO $$
BEGIN
  LOOP
    UPDATE "customers" c SET "referral_code" = ll_random_referral_code()
      FROM (SELECT "business_id", "id", row_number() OVER (PARTITION BY "business_id", "referral_code" ORDER BY "id") AS n
              FROM "customers" WHERE "referral_code" IS NOT NULL) d
     WHERE c."business_id" = d."business_id" AND c."id" = d."id" AND d.n > 1;
    EXIT WHEN NOT FOUND;
  END LOOP;
END $$;

-- After the backfill, which the index would otherwise have to pass row by row.
CREATE UNIQUE INDEX "customers_business_id_referral_code_key" ON "customers"("business_id", "referral_code");
