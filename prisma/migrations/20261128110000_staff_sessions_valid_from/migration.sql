-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN "sessionsValidFrom" DATETIME;
