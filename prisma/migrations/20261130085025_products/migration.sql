-- CreateTable
CREATE TABLE "products" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "sku" TEXT,
    "name" TEXT NOT NULL,
    "category" TEXT,
    "price_minor" INTEGER,
    "excluded" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "products_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateIndex
CREATE INDEX "products_business_id_name_id_idx" ON "products"("business_id", "name", "id");

-- CreateIndex
CREATE UNIQUE INDEX "products_business_id_external_id_key" ON "products"("business_id", "external_id");

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written.
ALTER TABLE "products" ADD CONSTRAINT "products_price_minor_check" CHECK ("price_minor" IS NULL OR "price_minor" >= 0);
ALTER TABLE "products" ADD CONSTRAINT "products_external_id_check" CHECK (length("external_id") BETWEEN 1 AND 100 AND "external_id" = btrim("external_id"));
ALTER TABLE "products" ADD CONSTRAINT "products_name_check" CHECK (length("name") BETWEEN 1 AND 200);
-- Normalised as the API stores it, so the earn rules can match categories with =.
ALTER TABLE "products" ADD CONSTRAINT "products_category_check" CHECK ("category" IS NULL OR ("category" <> '' AND "category" = btrim(regexp_replace("category", '\s+', ' ', 'g'))));

-- The list's search (`q`): ILIKE '%...%' over name, sku and external_id, served by trigram
-- indexes. pg_trgm is a trusted extension (the migration owner may create it when it may
-- CREATE in the database); where it can't be had, search works without the indexes, slower on
-- a large catalogue, and the migration says so instead of failing the upgrade.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR feature_not_supported OR undefined_file THEN
  RAISE NOTICE 'pg_trgm is not available (%): product search runs without trigram indexes', SQLERRM;
END $$;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX "products_name_trgm_idx" ON "products" USING gin ("name" gin_trgm_ops);
    CREATE INDEX "products_sku_trgm_idx" ON "products" USING gin ("sku" gin_trgm_ops);
    CREATE INDEX "products_external_id_trgm_idx" ON "products" USING gin ("external_id" gin_trgm_ops);
  END IF;
END $$;
