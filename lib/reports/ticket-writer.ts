import 'server-only'
import type BetterSqlite3 from 'better-sqlite3'
import type { Classification } from '@/lib/catalogue/types'
import { newTicketAttacher } from '@/lib/ent-failures/attach-new-ticket'
import { ENT_CATEGORY } from '@/lib/ent-failures/grouping'
import { storedDate } from '@/lib/time/stored-date'
import type { ReportInput } from './schemas'

// The rows of a new report, written with statements prepared once per connection: the same ticket
// and CREATED event Prisma would write and, for an ENT identity report, its EntFailure record. Used
// by createReport's group commit and by the bench's bare stack, so both write exactly these rows.
// `.run()` only: a RETURNING row read with `.get()` keeps a statement open and blocks WAL checkpoints.

export interface NewTicket {
  reference: string
  tokenHash: string
  report: ReportInput
  verdict: Classification
}

const preparedFor = new WeakMap<BetterSqlite3.Database, (ticket: NewTicket) => void>()

/** Writes one new report; called inside a transaction, better-sqlite3 runs it as a savepoint. */
export function newTicketWriter(connection: BetterSqlite3.Database): (ticket: NewTicket) => void {
  const cached = preparedFor.get(connection)
  if (cached) return cached
  const insertTicket = connection.prepare(`INSERT INTO "Ticket" ("reference", "trackingTokenHash", "message",
    "fullName", "profile", "email", "establishment", "login", "entName", "entLogin", "url", "occurredAt",
    "category", "autoCategory", "variant", "confidence", "evidence", "status", "createdAt", "updatedAt")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW', ?, ?)`)
  const insertEvent = connection.prepare(
    `INSERT INTO "TicketEvent" ("ticketId", "type", "after", "createdAt") VALUES (?, 'CREATED', ?, ?)`,
  )
  const attachEnt = newTicketAttacher(connection)
  const write = connection.transaction(({ reference, tokenHash, report: r, verdict }: NewTicket) => {
    const now = storedDate(new Date())
    const { lastInsertRowid } = insertTicket.run(
      reference, tokenHash, r.message, r.fullName, r.profile, r.email, r.establishment, r.login, r.entName,
      r.entLogin, r.url, storedDate(r.occurredAt), verdict.category, verdict.category, verdict.variant ?? null,
      verdict.confidence, JSON.stringify(verdict.evidence), now, now,
    )
    insertEvent.run(lastInsertRowid, JSON.stringify({ status: 'NEW', category: verdict.category }), now)
    // An ENT identity report joins its EntFailure record in the same savepoint.
    if (verdict.category === ENT_CATEGORY) {
      attachEnt({ id: lastInsertRowid, fullName: r.fullName, profile: r.profile, establishment: r.establishment,
        entName: r.entName, entLogin: r.entLogin, createdAt: now })
    }
  })
  preparedFor.set(connection, write)
  return write
}
