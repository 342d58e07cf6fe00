-- CreateTable
CREATE TABLE "Ticket" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "occurredAt" DATETIME NOT NULL,
    "category" TEXT NOT NULL,
    "autoCategory" TEXT NOT NULL,
    "variant" TEXT,
    "confidence" REAL NOT NULL,
    "evidence" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'NEW',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "assigneeId" TEXT,
    "publicMessage" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "entFailureId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "anonymizedAt" DATETIME,
    CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "StaffUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Ticket_entFailureId_fkey" FOREIGN KEY ("entFailureId") REFERENCES "EntFailure" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ticketId" INTEGER NOT NULL,
    "actorId" TEXT,
    "type" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TicketEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'AGENT',
    "passwordHash" TEXT NOT NULL,
    "disabledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SchoolSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'school',
    "establishmentName" TEXT NOT NULL DEFAULT '',
    "uai" TEXT NOT NULL DEFAULT '',
    "espaceUrls" TEXT NOT NULL DEFAULT '{}',
    "hostingConsoleUrl" TEXT NOT NULL DEFAULT '',
    "helpLinks" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EntFailure" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "decidedAt" DATETIME,
    "rejectReason" TEXT,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "firstReportedAt" DATETIME NOT NULL,
    "lastReportedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EntFailureEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entFailureId" TEXT NOT NULL,
    "actorId" TEXT,
    "type" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EntFailureEvent_entFailureId_fkey" FOREIGN KEY ("entFailureId") REFERENCES "EntFailure" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EntFailureEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DirectoryAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "login" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "profile" TEXT NOT NULL,
    "group" TEXT,
    "birthDate" TEXT,
    "searchName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_reference_key" ON "Ticket"("reference");

-- CreateIndex
CREATE INDEX "Ticket_createdAt_id_idx" ON "Ticket"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_status_id_idx" ON "Ticket"("status", "id");

-- CreateIndex
CREATE INDEX "Ticket_category_id_idx" ON "Ticket"("category", "id");

-- CreateIndex
CREATE INDEX "Ticket_profile_id_idx" ON "Ticket"("profile", "id");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_id_idx" ON "Ticket"("assigneeId", "id");

-- CreateIndex
CREATE INDEX "Ticket_establishment_id_idx" ON "Ticket"("establishment", "id");

-- CreateIndex
CREATE INDEX "Ticket_entFailureId_idx" ON "Ticket"("entFailureId");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_id_idx" ON "TicketEvent"("ticketId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

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

