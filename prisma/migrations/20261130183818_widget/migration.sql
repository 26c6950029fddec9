-- AlterEnum
ALTER TYPE "EntrySource" ADD VALUE 'WIDGET';

-- AlterTable
ALTER TABLE "businesses" ADD COLUMN     "public_id" TEXT NOT NULL DEFAULT ('pub_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text));

-- CreateTable
CREATE TABLE "widget_settings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "primary_color" TEXT NOT NULL DEFAULT '#4f46e5',
    "launcher_text" TEXT NOT NULL DEFAULT 'Rewards',
    "allowed_origins" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "share_url" TEXT,
    "secret" TEXT,
    "previous_secret" TEXT,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "secret_rotated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "widget_settings_pkey" PRIMARY KEY ("business_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "widget_settings_business_id_key" ON "widget_settings"("business_id");

-- CreateIndex
CREATE UNIQUE INDEX "businesses_public_id_key" ON "businesses"("public_id");

-- AddForeignKey
ALTER TABLE "widget_settings" ADD CONSTRAINT "widget_settings_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;
