-- AlterTable
ALTER TABLE "businesses" ADD COLUMN     "onboarding_dismissed_at" TIMESTAMPTZ(3);

