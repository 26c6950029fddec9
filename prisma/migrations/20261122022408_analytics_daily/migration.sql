-- CreateTable
CREATE TABLE "analytics_daily" (
    "business_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "earned" BIGINT NOT NULL,
    "redeemed" BIGINT NOT NULL,
    "expired" BIGINT NOT NULL,
    "net" BIGINT NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_daily_pkey" PRIMARY KEY ("business_id","day")
);

