import 'server-only'
import crypto from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'
import { identityKeyFor } from './normalize'

// The submission fast path's version of attachTicketToEntFailure (lib/ent-failures/grouping.ts) for
// the one case it meets: a NEW ticket (never attached) in ENT_IDENTITY_MISMATCH. Same rows, same
// events, same reopening rule, written with statements prepared once per connection and run inside
// the caller's better-sqlite3 transaction. Category changes keep using grouping.ts through Prisma.
// Tested against the Prisma path by tests/integration/ent-grouping-hooks.test.ts and reports-fast-path.

export interface NewEntTicket {
  id: number | bigint
  fullName: string
  profile: string
  establishment: string | null
  entName: string | null
  entLogin: string | null
  /** The ticket's createdAt, in the stored text format. */
  createdAt: string
}

interface FailureRow {
  id: string
  status: string
  linkedLogin: string | null
  rejectReason: string | null
}

const REOPEN_NOTE = 'Nouveau signalement après décision : la personne est toujours bloquée.'

/** A cuid-shaped id (what Prisma's @default(cuid()) would have made): 'c' + time + randomness. */
function newId(): string {
  return `c${Date.now().toString(36)}${crypto.randomBytes(12).toString('hex')}`.slice(0, 25)
}

const preparedFor = new WeakMap<BetterSqlite3.Database, (ticket: NewEntTicket) => string>()

/** Returns a function attaching a new ENT ticket to its record; call it inside a transaction. */
export function newTicketAttacher(connection: BetterSqlite3.Database): (ticket: NewEntTicket) => string {
  const cached = preparedFor.get(connection)
  if (cached) return cached
  const find = connection.prepare(
    `SELECT "id", "status", "linkedLogin", "rejectReason" FROM "EntFailure" WHERE "identityKey" = ?`,
  )
  const create = connection.prepare(`INSERT INTO "EntFailure" ("id", "identityKey", "weakKey", "entName", "entLogin",
    "fullName", "profile", "establishment", "status", "reportCount", "firstReportedAt", "lastReportedAt", "version",
    "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 1, ?, ?, 1, ?, ?)`)
  const add = connection.prepare(`UPDATE "EntFailure" SET "reportCount" = "reportCount" + 1,
    "firstReportedAt" = MIN("firstReportedAt", ?), "lastReportedAt" = MAX("lastReportedAt", ?),
    "entName" = COALESCE("entName", ?), "establishment" = COALESCE("establishment", ?),
    "version" = "version" + 1, "updatedAt" = ? WHERE "id" = ?`)
  const reopen = connection.prepare(`UPDATE "EntFailure" SET "status" = 'OPEN', "linkedLogin" = NULL,
    "decidedById" = NULL, "decidedAt" = NULL, "rejectReason" = NULL WHERE "id" = ?`)
  const event = connection.prepare(`INSERT INTO "EntFailureEvent" ("entFailureId", "type", "before", "after", "note", "createdAt")
    VALUES (?, ?, ?, ?, ?, ?)`)
  const link = connection.prepare(`UPDATE "Ticket" SET "entFailureId" = ?, "updatedAt" = ? WHERE "id" = ?`)

  const attach = (ticket: NewEntTicket): string => {
    const { identityKey, weakKey } = identityKeyFor(ticket)
    const at = ticket.createdAt
    const ticketId = Number(ticket.id)
    const entName = ticket.entName?.trim() || null
    const establishment = ticket.establishment?.trim() || null
    const existing = find.get(identityKey) as FailureRow | undefined
    let failureId: string
    if (!existing) {
      failureId = newId()
      create.run(failureId, identityKey, weakKey ? 1 : 0, entName, ticket.entLogin?.trim() || null, ticket.fullName.trim(),
        ticket.profile, establishment, at, at, at, at)
      event.run(failureId, 'CREATED', null, JSON.stringify({ ticketId, status: 'OPEN' }), null, at)
    } else {
      failureId = existing.id
      add.run(at, at, entName, establishment, at, failureId)
      event.run(failureId, 'REPORT_ADDED', null, JSON.stringify({ ticketId }), null, at)
      if (existing.status !== 'OPEN') {
        reopen.run(failureId)
        event.run(failureId, 'REOPENED',
          JSON.stringify({ status: existing.status, linkedLogin: existing.linkedLogin, rejectReason: existing.rejectReason }),
          JSON.stringify({ status: 'OPEN' }), REOPEN_NOTE, at)
      }
    }
    link.run(failureId, at, ticketId)
    return failureId
  }
  preparedFor.set(connection, attach)
  return attach
}
