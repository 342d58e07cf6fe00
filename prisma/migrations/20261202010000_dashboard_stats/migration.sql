-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "firstActionAt" DATETIME;

-- CreateTable
CREATE TABLE "TicketHourCount" (
    "hour" DATETIME NOT NULL,
    "category" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("hour", "category")
);

-- CreateIndex
CREATE INDEX "Ticket_status_createdAt_idx" ON "Ticket"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_createdAt_category_status_firstActionAt_closedAt_email_fullName_idx" ON "Ticket"("createdAt", "category", "status", "firstActionAt", "closedAt", "email", "fullName");

-- Backfill: the first staff event of each ticket (a staff event has an actor; the export record is not an action).
UPDATE "Ticket" SET "firstActionAt" = (
    SELECT MIN(e."createdAt") FROM "TicketEvent" e
    WHERE e."ticketId" = "Ticket"."id" AND e."actorId" IS NOT NULL AND e."type" NOT IN ('EXPORTED', 'ERASED')
);

-- Backfill: reports per UTC hour and current category (same text as lib/tickets/hour-counts.ts).
INSERT INTO "TicketHourCount" ("hour", "category", "count")
SELECT substr("createdAt", 1, 13) || ':00:00.000+00:00', "category", COUNT(*) FROM "Ticket" GROUP BY 1, 2;
