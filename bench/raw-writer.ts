// The bare stack's writer: the rows createReport writes (lib/tickets/create.ts and the ENT attach of
// lib/ent-failures/grouping.ts: the ticket, its CREATED event and, for an ENT identity report, its
// EntFailure record and event), as statements prepared once on a plain better-sqlite3 connection.
// A reference for the bench, not the app: it does not handle category changes or decided records'
// reporter rules beyond what a new report meets, and uses only the app's pure helpers.

import crypto from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Classification } from '../lib/catalogue/types'
import { identityKeyFor } from '../lib/directory/normalize'
import { reporterKeyFor } from '../lib/ent-failures/reporter'
import type { ReportInput } from '../lib/reports/schemas'
import { storedDate } from '../lib/time/stored-date'

export interface NewTicket {
  reference: string
  tokenHash: string
  report: ReportInput
  verdict: Classification
}

const ENT_CATEGORY = 'ENT_IDENTITY_MISMATCH'
const newId = () => `c${Date.now().toString(36)}${crypto.randomBytes(12).toString('hex')}`.slice(0, 25)

/** Writes one new report; called inside a transaction, better-sqlite3 runs it as a savepoint. */
export function newTicketWriter(sqlite: Database.Database): (ticket: NewTicket) => void {
  const insertTicket = sqlite.prepare(`INSERT INTO "Ticket" ("reference", "trackingTokenHash", "message",
    "fullName", "profile", "email", "establishment", "login", "entName", "entLogin", "url", "occurredAt",
    "category", "autoCategory", "variant", "confidence", "evidence", "status", "createdAt", "updatedAt")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW', ?, ?)`)
  const insertEvent = sqlite.prepare(`INSERT INTO "TicketEvent" ("ticketId", "type", "after", "createdAt") VALUES (?, 'CREATED', ?, ?)`)
  const find = sqlite.prepare(`SELECT "id", "status", "reporterKey" FROM "EntFailure" WHERE "identityKey" = ?`)
  const create = sqlite.prepare(`INSERT INTO "EntFailure" ("id", "identityKey", "weakKey", "entName", "entLogin",
    "fullName", "profile", "establishment", "status", "reportCount", "reporterKey", "firstReportedAt", "lastReportedAt",
    "version", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 1, ?, ?, ?, 1, ?, ?)`)
  const join = sqlite.prepare(`UPDATE "EntFailure" SET "reportCount" = "reportCount" + 1, "otherReportCount" = "otherReportCount" + ?,
    "lastReportedAt" = MAX("lastReportedAt", ?), "version" = "version" + 1, "updatedAt" = ? WHERE "id" = ?`)
  const reopen = sqlite.prepare(`UPDATE "EntFailure" SET "status" = 'OPEN', "linkedLogin" = NULL, "decidedById" = NULL,
    "decidedAt" = NULL, "rejectReason" = NULL WHERE "id" = ?`)
  const event = sqlite.prepare(`INSERT INTO "EntFailureEvent" ("entFailureId", "type", "after", "createdAt") VALUES (?, ?, ?, ?)`)
  const link = sqlite.prepare(`UPDATE "Ticket" SET "entFailureId" = ?, "updatedAt" = ? WHERE "id" = ?`)

  const attach = (ticketId: number, r: ReportInput, at: string) => {
    const { identityKey, weakKey } = identityKeyFor(r)
    const reporterKey = reporterKeyFor(r)
    const existing = find.get(identityKey) as { id: string; status: string; reporterKey: string | null } | undefined
    let failureId: string
    if (!existing) {
      failureId = newId()
      create.run(failureId, identityKey, weakKey ? 1 : 0, r.entName, r.entLogin, r.fullName, r.profile, r.establishment,
        reporterKey, at, at, at, at)
      event.run(failureId, 'CREATED', JSON.stringify({ ticketId, status: 'OPEN' }), at)
    } else {
      failureId = existing.id
      const same = existing.reporterKey === reporterKey
      join.run(same ? 0 : 1, at, at, failureId)
      event.run(failureId, 'REPORT_ADDED', JSON.stringify({ ticketId }), at)
      if (same && existing.status !== 'OPEN') {
        reopen.run(failureId)
        event.run(failureId, 'REOPENED', JSON.stringify({ status: 'OPEN' }), at)
      }
    }
    link.run(failureId, at, ticketId)
  }

  return sqlite.transaction(({ reference, tokenHash, report: r, verdict }: NewTicket) => {
    const now = storedDate(new Date())
    const id = Number(insertTicket.run(reference, tokenHash, r.message, r.fullName, r.profile, r.email, r.establishment,
      r.login, r.entName, r.entLogin, r.url, storedDate(r.occurredAt), verdict.category, verdict.category,
      verdict.variant ?? null, verdict.confidence, JSON.stringify(verdict.evidence), now, now).lastInsertRowid)
    insertEvent.run(id, JSON.stringify({ status: 'NEW', category: verdict.category }), now)
    if (verdict.category === ENT_CATEGORY) attach(id, r, now)
  })
}
