-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "birthday" DATE;

