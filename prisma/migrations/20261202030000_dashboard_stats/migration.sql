-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "firstActionAt" DATETIME;

-- CreateTable
CREATE TABLE "TicketHourCount" (
    "measure" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("measure", "bucket", "category", "bin")
);

-- CreateIndex
CREATE INDEX "Ticket_status_createdAt_idx" ON "Ticket"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_createdAt_category_email_fullName_idx" ON "Ticket"("createdAt", "category", "email", "fullName");

-- Backfill: the first staff event of each ticket (a staff event has an actor; an export or an erasure is not an action).
UPDATE "Ticket" SET "firstActionAt" = (
    SELECT MIN(e."createdAt") FROM "TicketEvent" e
    WHERE e."ticketId" = "Ticket"."id" AND e."actorId" IS NOT NULL AND e."type" NOT IN ('EXPORTED', 'ERASED')
);

-- Backfill: the dashboard aggregates (rebuildCountsSql in lib/tickets/hour-count-sql.ts, same text).
INSERT INTO "TicketHourCount" ("bucket", "category", "measure", "bin", "count") SELECT * FROM (
  WITH t AS MATERIALIZED (
    SELECT substr("createdAt", 1, 13) || ':00:00.000+00:00' AS "h", date("createdAt", CASE WHEN "createdAt" >= date(substr("createdAt", 1, 4) || '-03-31', '-6 days', 'weekday 0') || 'T01:00:00' AND "createdAt" < date(substr("createdAt", 1, 4) || '-10-31', '-6 days', 'weekday 0') || 'T01:00:00' THEN '+2 hours' ELSE '+1 hours' END) AS "d", "category" AS "c", "status" = 'RESOLVED' AND "closedAt" IS NOT NULL AS "r",
      CAST(round(unixepoch("firstActionAt", 'subsec') * 1000) AS INTEGER) - CAST(round(unixepoch("createdAt", 'subsec') * 1000) AS INTEGER) AS "f", CAST(round(unixepoch("closedAt", 'subsec') * 1000) AS INTEGER) - CAST(round(unixepoch("createdAt", 'subsec') * 1000) AS INTEGER) AS "z",
      "confirmation" IS 'WORKS' AS "w"
    FROM "Ticket")
  SELECT "h" AS "bucket", "c" AS "category", 'REPORTS' AS "measure", 0 AS "bin", COUNT(*) AS "n" FROM t GROUP BY 1, 2
  UNION ALL SELECT "d", "c", 'FIRST_ACTION', CASE WHEN "f" < 300000 THEN 0 WHEN "f" < 600000 THEN 1 WHEN "f" < 900000 THEN 2 WHEN "f" < 1200000 THEN 3 WHEN "f" < 1800000 THEN 4 WHEN "f" < 2700000 THEN 5 WHEN "f" < 3600000 THEN 6 WHEN "f" < 5400000 THEN 7 WHEN "f" < 7200000 THEN 8 WHEN "f" < 10800000 THEN 9 WHEN "f" < 14400000 THEN 10 WHEN "f" < 21600000 THEN 11 WHEN "f" < 28800000 THEN 12 WHEN "f" < 43200000 THEN 13 WHEN "f" < 64800000 THEN 14 WHEN "f" < 86400000 THEN 15 WHEN "f" < 129600000 THEN 16 WHEN "f" < 172800000 THEN 17 WHEN "f" < 259200000 THEN 18 WHEN "f" < 388800000 THEN 19 WHEN "f" < 604800000 THEN 20 WHEN "f" < 907200000 THEN 21 WHEN "f" < 1209600000 THEN 22 WHEN "f" < 1814400000 THEN 23 WHEN "f" < 2592000000 THEN 24 ELSE 25 END, COUNT(*) FROM t WHERE "f" IS NOT NULL GROUP BY 1, 2, 4
  UNION ALL SELECT "d", "c", 'RESOLUTION', CASE WHEN "z" < 300000 THEN 0 WHEN "z" < 600000 THEN 1 WHEN "z" < 900000 THEN 2 WHEN "z" < 1200000 THEN 3 WHEN "z" < 1800000 THEN 4 WHEN "z" < 2700000 THEN 5 WHEN "z" < 3600000 THEN 6 WHEN "z" < 5400000 THEN 7 WHEN "z" < 7200000 THEN 8 WHEN "z" < 10800000 THEN 9 WHEN "z" < 14400000 THEN 10 WHEN "z" < 21600000 THEN 11 WHEN "z" < 28800000 THEN 12 WHEN "z" < 43200000 THEN 13 WHEN "z" < 64800000 THEN 14 WHEN "z" < 86400000 THEN 15 WHEN "z" < 129600000 THEN 16 WHEN "z" < 172800000 THEN 17 WHEN "z" < 259200000 THEN 18 WHEN "z" < 388800000 THEN 19 WHEN "z" < 604800000 THEN 20 WHEN "z" < 907200000 THEN 21 WHEN "z" < 1209600000 THEN 22 WHEN "z" < 1814400000 THEN 23 WHEN "z" < 2592000000 THEN 24 ELSE 25 END, COUNT(*) FROM t WHERE "r" GROUP BY 1, 2, 4
  UNION ALL SELECT "d", "c", 'RESOLVED_WITHOUT_ACTION', 0, COUNT(*) FROM t WHERE "r" AND ("f" IS NULL OR "f" >= "z") GROUP BY 1, 2
  UNION ALL SELECT "d", "c", 'CONFIRMED', 0, COUNT(*) FROM t WHERE "w" GROUP BY 1, 2);
