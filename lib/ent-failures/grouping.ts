import 'server-only'
import { newRecordId } from '@/lib/security/random'
import type { Sql } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import { sqlDialect } from '@/lib/sql-dialect'
import { storedDate } from '@/lib/time/stored-date'
import { identityKeyFor } from '@/lib/directory/normalize'
import { reporterKeyFor, type Reporter } from './reporter'

// Keeps EntFailure records in step with ENT_IDENTITY_MISMATCH tickets: the only code that attaches a
// ticket to a record or takes it off. Called by lib/tickets inside the transaction that creates the
// ticket (group commit) or changes its category (Prisma), through the same statements (`Sql`), so a
// ticket and its record never disagree. lib/tickets stores the returned record id on the ticket.

export const ENT_CATEGORY = 'ENT_IDENTITY_MISMATCH'

export const REOPEN_NOTE = 'Nouveau signalement après décision : la personne est toujours bloquée.'
export const OTHER_REPORTER_NOTE =
  'Signalé par une autre personne que le premier déclarant (nom ou e-mail différent) : possible usurpation. ' +
  'Ce signalement ne rouvre pas le dossier et ne recevra pas le message de décision.'

export interface AttachableTicket extends Reporter {
  id: number
  category: string
  profile: string
  establishment: string | null
  entName: string | null
  entLogin: string | null
  createdAt: Date
  entFailureId: string | null
}

interface FailureRow {
  id: string
  status: string
  linkedLogin: string | null
  rejectReason: string | null
  reporterKey: string | null
}

async function addEvent(sql: Sql, failureId: string, type: string, at: string, e: { before?: unknown; after?: unknown; note?: string }) {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value))
  await sql.run(Prisma.sql`INSERT INTO "EntFailureEvent" ("entFailureId", "type", "before", "after", "note", "createdAt")
    VALUES (${failureId}, ${type}, ${json(e.before)}, ${json(e.after)}, ${e.note ?? null}, ${at})`)
}

/**
 * The first reporter's key. Records made before it was stored take it from their earliest ticket
 * (excluding `ticketId`, the one being attached or removed now).
 */
export async function recordReporterKey(sql: Sql, failure: { id: string; reporterKey: string | null }, ticketId = -1): Promise<string | null> {
  if (failure.reporterKey) return failure.reporterKey
  const [first] = await sql.rows<Reporter>(Prisma.sql`SELECT "fullName", "email" FROM "Ticket"
    WHERE "entFailureId" = ${failure.id} AND "id" <> ${ticketId} ORDER BY "id" LIMIT 1`)
  return first ? reporterKeyFor(first) : null
}

async function detach(sql: Sql, ticket: AttachableTicket, note: string): Promise<void> {
  const failureId = ticket.entFailureId
  if (!failureId) return
  const [failure] = await sql.rows<FailureRow>(Prisma.sql`SELECT "id", "reporterKey" FROM "EntFailure" WHERE "id" = ${failureId}`)
  if (!failure) return
  const other = (await recordReporterKey(sql, failure, ticket.id)) !== reporterKeyFor(ticket)
  const now = storedDate(new Date())
  // The record stays (its history matters) even when no ticket is left on it.
  const { greatest } = sqlDialect()
  await sql.run(Prisma.sql`UPDATE "EntFailure" SET "reportCount" = ${greatest(0, Prisma.sql`"reportCount" - 1`)},
    "otherReportCount" = ${greatest(0, Prisma.sql`"otherReportCount" - ${other ? 1 : 0}`)}, "version" = "version" + 1, "updatedAt" = ${now}
    WHERE "id" = ${failureId}`)
  await addEvent(sql, failureId, 'REPORT_REMOVED', now, { before: { ticketId: ticket.id }, note })
}

/**
 * Creates the record of a new identity; null when another transaction created it meanwhile (on
 * PostgreSQL transactions run side by side: the INSERT waits on the other's key, then does nothing).
 */
async function createRecord(sql: Sql, ticket: AttachableTicket, identity: { identityKey: string; weakKey: boolean }): Promise<string | null> {
  const id = newRecordId()
  const now = storedDate(new Date())
  const reportedAt = storedDate(ticket.createdAt)
  const created = await sql.run(Prisma.sql`INSERT INTO "EntFailure" ("id", "identityKey", "weakKey", "entName", "entLogin", "fullName",
    "profile", "establishment", "status", "reportCount", "reporterKey", "firstReportedAt", "lastReportedAt", "version",
    "createdAt", "updatedAt")
    VALUES (${id}, ${identity.identityKey}, ${identity.weakKey}, ${ticket.entName?.trim() || null}, ${ticket.entLogin?.trim() || null},
    ${ticket.fullName.trim()}, ${ticket.profile}, ${ticket.establishment?.trim() || null}, 'OPEN', 1, ${reporterKeyFor(ticket)},
    ${reportedAt}, ${reportedAt}, 1, ${now}, ${now})
    ON CONFLICT ("identityKey") DO NOTHING`)
  if (created === 0) return null
  await addEvent(sql, id, 'CREATED', now, { after: { ticketId: ticket.id, status: 'OPEN' } })
  return id
}

const recordOf = async (sql: Sql, identityKey: string) =>
  (await sql.rows<FailureRow>(Prisma.sql`SELECT "id", "status", "linkedLogin", "rejectReason", "reporterKey"
    FROM "EntFailure" WHERE "identityKey" = ${identityKey}`))[0]

/** Adds a ticket to an existing record; only the first reporter's new report reopens a decided one. */
async function joinRecord(sql: Sql, ticket: AttachableTicket, existing: FailureRow): Promise<void> {
  const now = storedDate(new Date())
  const reportedAt = storedDate(ticket.createdAt)
  const same = (await recordReporterKey(sql, existing)) === reporterKeyFor(ticket)
  const { least, greatest } = sqlDialect()
  // Keep what the ENT side said first; only fill what was missing.
  await sql.run(Prisma.sql`UPDATE "EntFailure" SET "reportCount" = "reportCount" + 1,
    "otherReportCount" = "otherReportCount" + ${same ? 0 : 1},
    "firstReportedAt" = ${least(Prisma.sql`"firstReportedAt"`, reportedAt)}, "lastReportedAt" = ${greatest(Prisma.sql`"lastReportedAt"`, reportedAt)},
    "entName" = COALESCE("entName", ${ticket.entName?.trim() || null}),
    "establishment" = COALESCE("establishment", ${ticket.establishment?.trim() || null}),
    "version" = "version" + 1, "updatedAt" = ${now} WHERE "id" = ${existing.id}`)
  await addEvent(sql, existing.id, 'REPORT_ADDED', now, {
    after: same ? { ticketId: ticket.id } : { ticketId: ticket.id, otherReporter: true },
    ...(same ? {} : { note: OTHER_REPORTER_NOTE }),
  })
  if (existing.status === 'OPEN' || !same) return
  // Reopened once: a concurrent report (PostgreSQL) may have reopened it since it was read.
  const reopened = await sql.run(Prisma.sql`UPDATE "EntFailure" SET "status" = 'OPEN', "linkedLogin" = NULL, "decidedById" = NULL,
    "decidedAt" = NULL, "rejectReason" = NULL WHERE "id" = ${existing.id} AND "status" <> 'OPEN'`)
  if (reopened === 0) return
  await addEvent(sql, existing.id, 'REOPENED', now, {
    before: { status: existing.status, linkedLogin: existing.linkedLogin, rejectReason: existing.rejectReason },
    after: { status: 'OPEN' },
    note: REOPEN_NOTE,
  })
}

/**
 * Attaches an ENT_IDENTITY_MISMATCH ticket to the record of its ENT identity (created when new),
 * or detaches a ticket that is no longer in that category. Idempotent. A new report by the first
 * reporter on a decided record reopens it: the person is evidently still blocked; a report by
 * someone else is counted apart and reopens nothing. Returns the record the ticket belongs on (or
 * null); the caller (lib/tickets) stores it on the ticket.
 */
export async function attachTicketToEntFailure(sql: Sql, ticket: AttachableTicket): Promise<string | null> {
  if (ticket.category !== ENT_CATEGORY) {
    await detach(sql, ticket, 'Catégorie du signalement modifiée : il ne concerne plus une identité ENT.')
    return null
  }
  const identity = identityKeyFor(ticket)
  let existing = await recordOf(sql, identity.identityKey)
  if (existing && existing.id === ticket.entFailureId) return existing.id
  if (ticket.entFailureId) await detach(sql, ticket, 'Signalement rattaché à une autre identité ENT.')
  if (!existing) {
    const created = await createRecord(sql, ticket, identity)
    if (created) return created
    // Created by a concurrent transaction, committed now: a new statement sees it (READ COMMITTED).
    existing = (await recordOf(sql, identity.identityKey))!
  }
  await joinRecord(sql, ticket, existing)
  return existing.id
}
