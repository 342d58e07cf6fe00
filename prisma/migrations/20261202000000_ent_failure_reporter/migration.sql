-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EntFailure" (
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
    "updatedAt" DATETIME NOT NULL,
    "reporterKey" TEXT,
    "otherReportCount" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_EntFailure" ("createdAt", "decidedAt", "decidedById", "entLogin", "entName", "establishment", "firstReportedAt", "fullName", "id", "identityKey", "lastReportedAt", "linkedLogin", "profile", "rejectReason", "reportCount", "status", "updatedAt", "version", "weakKey") SELECT "createdAt", "decidedAt", "decidedById", "entLogin", "entName", "establishment", "firstReportedAt", "fullName", "id", "identityKey", "lastReportedAt", "linkedLogin", "profile", "rejectReason", "reportCount", "status", "updatedAt", "version", "weakKey" FROM "EntFailure";
DROP TABLE "EntFailure";
ALTER TABLE "new_EntFailure" RENAME TO "EntFailure";
CREATE UNIQUE INDEX "EntFailure_identityKey_key" ON "EntFailure"("identityKey");
CREATE INDEX "EntFailure_status_firstReportedAt_idx" ON "EntFailure"("status", "firstReportedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

