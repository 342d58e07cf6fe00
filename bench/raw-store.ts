// The bare stack's write path: the rows createReport (lib/reports/mutations.ts) writes, with
// prepared better-sqlite3 statements in one transaction. A ticket and its CREATED event; for an
// ENT_IDENTITY_MISMATCH report also its EntFailure record (created, or counted and re-opened) with
// its event, and the ticket's link to it, as lib/ent-failures/grouping.ts does.
// Statements are only ever .run() or fully read with .all(): a statement left mid-result (an
// INSERT … RETURNING read with .get()) holds a read snapshot and stops WAL checkpoints.

import Database from 'better-sqlite3'
import crypto from 'node:crypto'
import type { Classification } from '../lib/catalogue/types'
import { identityKeyFor } from '../lib/ent-failures/normalize'
import type { ReportInput } from '../lib/reports/schemas'

/** Prisma's SQLite DateTime text format (what the app itself writes). */
export const prismaDate = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')

/** Opens a connection with lib/db.ts's per-connection settings. */
export function openDatabase(file: string): Database.Database {
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  return sqlite
}

export interface StoredReport {
  reference: string
  tokenHash: string
  report: ReportInput
  verdict: Classification
}

export function createRawStore(sqlite: Database.Database) {
  const insertTicket = sqlite.prepare(`INSERT INTO "Ticket" ("reference", "trackingTokenHash", "message", "fullName",
    "profile", "email", "establishment", "login", "entName", "entLogin", "url", "occurredAt", "category", "autoCategory",
    "variant", "confidence", "evidence", "status", "priority", "version", "createdAt", "updatedAt")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW', 0, 1, ?, ?)`)
  const insertEvent = sqlite.prepare(`INSERT INTO "TicketEvent" ("ticketId", "type", "after", "createdAt") VALUES (?, 'CREATED', ?, ?)`)
  const findFailure = sqlite.prepare(`SELECT "id", "status", "reportCount", "firstReportedAt", "entName", "establishment"
    FROM "EntFailure" WHERE "identityKey" = ?`)
  const insertFailure = sqlite.prepare(`INSERT INTO "EntFailure" ("id", "identityKey", "weakKey", "entName", "entLogin",
    "fullName", "profile", "establishment", "status", "reportCount", "firstReportedAt", "lastReportedAt", "version",
    "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 1, ?, ?, 1, ?, ?)`)
  const countFailure = sqlite.prepare(`UPDATE "EntFailure" SET "reportCount" = "reportCount" + 1, "lastReportedAt" = ?,
    "entName" = COALESCE("entName", ?), "establishment" = COALESCE("establishment", ?), "version" = "version" + 1,
    "status" = 'OPEN', "updatedAt" = ? WHERE "id" = ?`)
  const insertFailureEvent = sqlite.prepare(`INSERT INTO "EntFailureEvent" ("entFailureId", "type", "after", "createdAt") VALUES (?, ?, ?, ?)`)
  const linkTicket = sqlite.prepare(`UPDATE "Ticket" SET "entFailureId" = ?, "updatedAt" = ? WHERE "id" = ?`)

  const attachEntFailure = (ticketId: number | bigint, r: ReportInput, now: string) => {
    const { identityKey, weakKey } = identityKeyFor(r)
    const existing = findFailure.all(identityKey)[0] as { id: string } | undefined
    let id: string
    if (existing) {
      id = existing.id
      countFailure.run(now, r.entName, r.establishment, now, id)
      insertFailureEvent.run(id, 'REPORT_ADDED', JSON.stringify({ ticketId: Number(ticketId) }), now)
    } else {
      id = `c${crypto.randomBytes(12).toString('hex')}`
      insertFailure.run(id, identityKey, weakKey ? 1 : 0, r.entName, r.entLogin, r.fullName, r.profile, r.establishment, now, now, now, now)
      insertFailureEvent.run(id, 'CREATED', JSON.stringify({ ticketId: Number(ticketId), status: 'OPEN' }), now)
    }
    linkTicket.run(id, now, ticketId)
  }

  // Called inside groupCommit's outer transaction, better-sqlite3 runs it as a savepoint.
  return sqlite.transaction(({ reference, tokenHash, report: r, verdict: v }: StoredReport) => {
    const now = prismaDate(Date.now())
    const { lastInsertRowid } = insertTicket.run(reference, tokenHash, r.message, r.fullName, r.profile, r.email,
      r.establishment, r.login, r.entName, r.entLogin, r.url, prismaDate(r.occurredAt.getTime()), v.category, v.category,
      v.variant ?? null, v.confidence, JSON.stringify(v.evidence), now, now)
    insertEvent.run(lastInsertRowid, JSON.stringify({ status: 'NEW', category: v.category }), now)
    if (v.category === 'ENT_IDENTITY_MISMATCH') attachEntFailure(lastInsertRowid, r, now)
  })
}

/**
 * Group commit, as createReport does since it writes through prepared statements (lib/reports/
 * mutations.ts): the reports that reach the store in one turn of the event loop are written in ONE
 * transaction (one fsync with synchronous=FULL), each in its own savepoint, and each caller is
 * answered only after that commit. Returns `submit(report, done)`; `done(error?)` runs after the commit.
 */
export function groupCommit(sqlite: Database.Database, store: (r: StoredReport) => void) {
  let waiting: { report: StoredReport; done: (error?: unknown) => void }[] = []
  const all = sqlite.transaction((batch: StoredReport[]) =>
    batch.map((r): unknown => {
      try {
        store(r)
        return undefined
      } catch (error) {
        return error ?? new Error('store failed')
      }
    }),
  )
  const flush = () => {
    const batch = waiting
    waiting = []
    let errors: unknown[]
    try {
      errors = all.immediate(batch.map((w) => w.report))
    } catch (error) {
      for (const w of batch) w.done(error) // the commit itself failed: nothing of the batch is stored
      return
    }
    batch.forEach((w, i) => w.done(errors[i]))
  }
  return (report: StoredReport, done: (error?: unknown) => void) => {
    if (waiting.push({ report, done }) === 1) setImmediate(flush)
  }
}
