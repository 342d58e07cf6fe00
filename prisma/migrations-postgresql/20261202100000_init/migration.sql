-- Generated: npx prisma migrate diff --config prisma/postgresql/prisma.config.ts --from-empty
--   --to-schema-datamodel prisma/postgresql/schema.prisma --script (the datamodel of 2026-12-02).

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Ticket" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "trackingTokenHash" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "profile" TEXT NOT NULL DEFAULT 'AUTRE',
    "email" TEXT,
    "establishment" TEXT,
    "login" TEXT,
    "entName" TEXT,
    "entLogin" TEXT,
    "url" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "category" TEXT NOT NULL,
    "autoCategory" TEXT NOT NULL,
    "variant" TEXT,
    "confidence" DOUBLE PRECISION NOT NULL,
    "evidence" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'NEW',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "assigneeId" TEXT,
    "publicMessage" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "entFailureId" TEXT,
    "incidentId" TEXT,
    "confirmation" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "firstActionAt" TIMESTAMP(3),
    "anonymizedAt" TIMESTAMP(3),

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketHourCount" (
    "measure" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "TicketHourCount_pkey" PRIMARY KEY ("measure","bucket","category","bin")
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "actorId" TEXT,
    "type" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'AGENT',
    "passwordHash" TEXT NOT NULL,
    "disabledAt" TIMESTAMP(3),
    "mailIncidentAlerts" BOOLEAN NOT NULL DEFAULT true,
    "mailDailyDigest" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolSettings" (
    "id" TEXT NOT NULL DEFAULT 'school',
    "establishmentName" TEXT NOT NULL DEFAULT '',
    "uai" TEXT NOT NULL DEFAULT '',
    "espaceUrls" TEXT NOT NULL DEFAULT '{}',
    "hostingConsoleUrl" TEXT NOT NULL DEFAULT '',
    "helpLinks" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SchoolSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EntFailure" (
    "id" TEXT NOT NULL,
    "identityKey" TEXT NOT NULL,
    "weakKey" BOOLEAN NOT NULL DEFAULT false,
    "entName" TEXT,
    "entLogin" TEXT,
    "fullName" TEXT NOT NULL,
    "profile" TEXT NOT NULL,
    "establishment" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "linkedLogin" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "rejectReason" TEXT,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "firstReportedAt" TIMESTAMP(3) NOT NULL,
    "lastReportedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "reporterKey" TEXT,
    "otherReportCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "EntFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EntFailureEvent" (
    "id" SERIAL NOT NULL,
    "entFailureId" TEXT NOT NULL,
    "actorId" TEXT,
    "type" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EntFailureEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryAccount" (
    "id" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "profile" TEXT NOT NULL,
    "group" TEXT,
    "birthDate" TEXT,
    "searchName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DirectoryAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "variant" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "published" BOOLEAN NOT NULL DEFAULT false,
    "publicMessage" TEXT,
    "publishedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "resolutionMessage" TEXT,
    "previousIncidentId" TEXT,
    "previousResolvedAt" TIMESTAMP(3),
    "firstReportAt" TIMESTAMP(3) NOT NULL,
    "lastReportAt" TIMESTAMP(3) NOT NULL,
    "confirmedCount" INTEGER NOT NULL DEFAULT 0,
    "stillBlockedCount" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentEvent" (
    "id" SERIAL NOT NULL,
    "incidentId" TEXT NOT NULL,
    "actorId" TEXT,
    "type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogueRule" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "variant" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "createdBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogueRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogueRuleEvent" (
    "id" SERIAL NOT NULL,
    "ruleId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "snapshot" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogueRuleEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "ticketId" INTEGER,
    "params" TEXT NOT NULL DEFAULT '{}',
    "sealedToken" TEXT,
    "messageId" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "claimedUntil" TIMESTAMP(3),
    "claimedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_reference_key" ON "Ticket"("reference");

-- CreateIndex
CREATE INDEX "Ticket_createdAt_id_idx" ON "Ticket"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_updatedAt_id_idx" ON "Ticket"("updatedAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_priority_id_idx" ON "Ticket"("priority", "id");

-- CreateIndex
CREATE INDEX "Ticket_status_updatedAt_id_idx" ON "Ticket"("status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_status_priority_id_idx" ON "Ticket"("status", "priority", "id");

-- CreateIndex
CREATE INDEX "Ticket_status_id_idx" ON "Ticket"("status", "id");

-- CreateIndex
CREATE INDEX "Ticket_category_id_idx" ON "Ticket"("category", "id");

-- CreateIndex
CREATE INDEX "Ticket_category_status_id_idx" ON "Ticket"("category", "status", "id");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_status_id_idx" ON "Ticket"("assigneeId", "status", "id");

-- CreateIndex
CREATE INDEX "Ticket_profile_id_idx" ON "Ticket"("profile", "id");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_id_idx" ON "Ticket"("assigneeId", "id");

-- CreateIndex
CREATE INDEX "Ticket_establishment_id_idx" ON "Ticket"("establishment", "id");

-- CreateIndex
CREATE INDEX "Ticket_entFailureId_idx" ON "Ticket"("entFailureId");

-- CreateIndex
CREATE INDEX "Ticket_status_createdAt_idx" ON "Ticket"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_createdAt_category_email_fullName_idx" ON "Ticket"("createdAt", "category", "email", "fullName");

-- CreateIndex
CREATE INDEX "Ticket_incidentId_status_idx" ON "Ticket"("incidentId", "status");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_id_idx" ON "TicketEvent"("ticketId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE INDEX "StaffSession_staffId_idx" ON "StaffSession"("staffId");

-- CreateIndex
CREATE INDEX "StaffSession_expiresAt_idx" ON "StaffSession"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "EntFailure_identityKey_key" ON "EntFailure"("identityKey");

-- CreateIndex
CREATE INDEX "EntFailure_status_firstReportedAt_idx" ON "EntFailure"("status", "firstReportedAt");

-- CreateIndex
CREATE INDEX "EntFailureEvent_entFailureId_id_idx" ON "EntFailureEvent"("entFailureId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryAccount_login_key" ON "DirectoryAccount"("login");

-- CreateIndex
CREATE INDEX "DirectoryAccount_searchName_idx" ON "DirectoryAccount"("searchName");

-- CreateIndex
CREATE INDEX "Incident_key_status_idx" ON "Incident"("key", "status");

-- CreateIndex
CREATE INDEX "Incident_status_firstReportAt_id_idx" ON "Incident"("status", "firstReportAt", "id");

-- CreateIndex
CREATE INDEX "IncidentEvent_incidentId_id_idx" ON "IncidentEvent"("incidentId", "id");

-- CreateIndex
CREATE INDEX "CatalogueRuleEvent_ruleId_id_idx" ON "CatalogueRuleEvent"("ruleId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_messageId_key" ON "OutboxMessage"("messageId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_state_nextAttemptAt_idx" ON "OutboxMessage"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_state_id_idx" ON "OutboxMessage"("state", "id");

-- CreateIndex
CREATE INDEX "OutboxMessage_ticketId_idx" ON "OutboxMessage"("ticketId");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_entFailureId_fkey" FOREIGN KEY ("entFailureId") REFERENCES "EntFailure"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffSession" ADD CONSTRAINT "StaffSession_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EntFailureEvent" ADD CONSTRAINT "EntFailureEvent_entFailureId_fkey" FOREIGN KEY ("entFailureId") REFERENCES "EntFailure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EntFailureEvent" ADD CONSTRAINT "EntFailureEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentEvent" ADD CONSTRAINT "IncidentEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentEvent" ADD CONSTRAINT "IncidentEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

