import 'server-only'
import type { Sql } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import { sqlDialect } from '@/lib/sql-dialect'
import { closedStatuses } from '@/lib/tickets/status'
import { storedDate } from '@/lib/time/stored-date'

// A record follows its tickets when staff close or reopen them by hand in the queue: once every
// ticket of an open record is closed there is nothing left to do, so the record leaves the to-do
// list as CLOSED and says why; a ticket reopened by hand brings it back. A new report reopens it
// like any decided record (grouping.ts). Called by lib/tickets inside the ticket's transaction.

export const CLOSED_BY_HAND_NOTE = 'Tous les signalements de cette identité ont été clos à la main dans la file.'
export const REOPENED_BY_HAND_NOTE = 'Un signalement de cette identité a été rouvert à la main dans la file.'

/**
 * PostgreSQL: holds the record until the transaction ends (SQLite has one writer at a time: nothing
 * to hold). Taken before a ticket of the record is changed (lib/tickets/followers.ts) and again here.
 */
export async function holdEntFailure(sql: Sql, failureId: string): Promise<void> {
  await sql.rows(Prisma.sql`SELECT "id" FROM "EntFailure" WHERE "id" = ${failureId} ${sqlDialect().forUpdate}`)
}

export async function followTicketStatuses(sql: Sql, failureId: string): Promise<void> {
  // Hold the record first, in a statement of its own, so that a transaction closing another of its
  // tickets meanwhile has committed before we count (else neither sees them all closed).
  await holdEntFailure(sql, failureId)
  const [record] = await sql.rows<{ status: string; open: number; total: number }>(Prisma.sql`SELECT f."status",
    (SELECT COUNT(*) FROM "Ticket" t WHERE t."entFailureId" = f."id" AND t."status" NOT IN (${Prisma.join(closedStatuses)})) AS "open",
    (SELECT COUNT(*) FROM "Ticket" t WHERE t."entFailureId" = f."id") AS "total"
    FROM "EntFailure" f WHERE f."id" = ${failureId}`)
  if (!record) return
  const open = Number(record.open)
  const next = record.status === 'OPEN' && open === 0 && Number(record.total) > 0 ? 'CLOSED' : record.status === 'CLOSED' && open > 0 ? 'OPEN' : null
  if (!next) return
  const now = storedDate(new Date())
  await sql.run(Prisma.sql`UPDATE "EntFailure" SET "status" = ${next}, "version" = "version" + 1, "updatedAt" = ${now}
    WHERE "id" = ${failureId}`)
  await sql.run(Prisma.sql`INSERT INTO "EntFailureEvent" ("entFailureId", "type", "before", "after", "note", "createdAt")
    VALUES (${failureId}, ${next === 'CLOSED' ? 'CLOSED' : 'REOPENED'}, ${JSON.stringify({ status: record.status })},
    ${JSON.stringify({ status: next })}, ${next === 'CLOSED' ? CLOSED_BY_HAND_NOTE : REOPENED_BY_HAND_NOTE}, ${now})`)
}
