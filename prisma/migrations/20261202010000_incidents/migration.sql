-- Incidents (issue 13). Written by hand from `prisma migrate diff`: the diff redefines "Ticket" to
-- add a foreign key, which copies every ticket and drops the FTS triggers with the old table; an
-- ADD COLUMN with the same constraint does neither (SQLite and PostgreSQL both accept it).

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "variant" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "published" BOOLEAN NOT NULL DEFAULT false,
    "publicMessage" TEXT,
    "publishedAt" DATETIME,
    "resolvedAt" DATETIME,
    "resolvedById" TEXT,
    "resolutionMessage" TEXT,
    "previousIncidentId" TEXT,
    "previousResolvedAt" DATETIME,
    "firstReportAt" DATETIME NOT NULL,
    "lastReportAt" DATETIME NOT NULL,
    "confirmedCount" INTEGER NOT NULL DEFAULT 0,
    "stillBlockedCount" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "IncidentEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" TEXT NOT NULL,
    "actorId" TEXT,
    "type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IncidentEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IncidentEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "incidentId" TEXT CONSTRAINT "Ticket_incidentId_fkey" REFERENCES "Incident" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Ticket" ADD COLUMN "confirmation" TEXT;
ALTER TABLE "Ticket" ADD COLUMN "confirmedAt" DATETIME;

-- CreateIndex
CREATE INDEX "Ticket_incidentId_status_idx" ON "Ticket"("incidentId", "status");

-- CreateIndex
CREATE INDEX "Incident_key_status_idx" ON "Incident"("key", "status");

-- CreateIndex
CREATE INDEX "Incident_status_firstReportAt_id_idx" ON "Incident"("status", "firstReportAt", "id");

-- CreateIndex
CREATE INDEX "IncidentEvent_incidentId_id_idx" ON "IncidentEvent"("incidentId", "id");

-- Exactly one OPEN incident per key, whatever the number of concurrent reports: a partial unique
-- index (same syntax in PostgreSQL). Prisma does not model it: a generated diff will try to drop
-- it, like the FTS table (README, Decisions).
CREATE UNIQUE INDEX "Incident_open_key" ON "Incident"("key") WHERE "status" = 'OPEN';
