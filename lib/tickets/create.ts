import 'server-only'
import type { Sql } from '@/lib/db-write'
import { attachTicketToEntFailure, ENT_CATEGORY, type AttachableTicket } from '@/lib/ent-failures/grouping'
import { Prisma } from '@/lib/generated/prisma/client'
import { storedDate } from '@/lib/time/stored-date'

// The one writer of a new ticket: its row, its CREATED event and, for an ENT identity report, its
// place on the EntFailure record, in the caller's transaction (a group commit for public reports,
// see lib/db-write.ts). The category-change hook below brings the same attachment up to date.

export interface NewTicketRow {
  reference: string
  trackingTokenHash: string
  message: string
  fullName: string
  profile: string
  email: string | null
  establishment: string | null
  login: string | null
  entName: string | null
  entLogin: string | null
  url: string | null
  occurredAt: Date
  category: string
  variant: string | null
  confidence: number
  /** JSON array of the classifier's evidence. */
  evidence: string
  /** The incident the report joined in the same write (lib/incidents/join.ts), if any. */
  incidentId?: string | null
}

async function setEntFailure(sql: Sql, ticketId: number, failureId: string | null, at: string): Promise<void> {
  await sql.run(Prisma.sql`UPDATE "Ticket" SET "entFailureId" = ${failureId}, "updatedAt" = ${at} WHERE "id" = ${ticketId}`)
}

/** Inserts a NEW ticket (autoCategory = category) and returns its id. */
export async function createTicket(sql: Sql, t: NewTicketRow, now = new Date()): Promise<number> {
  const at = storedDate(now)
  const id = await sql.insert(Prisma.sql`INSERT INTO "Ticket" ("reference", "trackingTokenHash", "message", "fullName",
    "profile", "email", "establishment", "login", "entName", "entLogin", "url", "occurredAt", "category", "autoCategory",
    "variant", "confidence", "evidence", "incidentId", "status", "createdAt", "updatedAt")
    VALUES (${t.reference}, ${t.trackingTokenHash}, ${t.message}, ${t.fullName}, ${t.profile}, ${t.email}, ${t.establishment},
    ${t.login}, ${t.entName}, ${t.entLogin}, ${t.url}, ${storedDate(t.occurredAt)}, ${t.category}, ${t.category},
    ${t.variant}, ${t.confidence}, ${t.evidence}, ${t.incidentId ?? null}, 'NEW', ${at}, ${at})`)
  await sql.run(Prisma.sql`INSERT INTO "TicketEvent" ("ticketId", "type", "after", "createdAt")
    VALUES (${id}, 'CREATED', ${JSON.stringify({ status: 'NEW', category: t.category })}, ${at})`)
  if (t.category === ENT_CATEGORY) {
    const failureId = await attachTicketToEntFailure(sql, { ...t, id, createdAt: now, entFailureId: null })
    await setEntFailure(sql, id, failureId, at)
  }
  return id
}

/**
 * Brings a ticket's ENT record up to date after its category changed (or for a ticket written
 * without one): joins, moves or leaves the record. Returns the record id (null when none).
 */
export async function syncTicketEntFailure(sql: Sql, ticketId: number): Promise<string | null> {
  const [row] = await sql.rows<Omit<AttachableTicket, 'createdAt'> & { createdAt: string | Date }>(Prisma.sql`SELECT "id",
    "category", "fullName", "email", "profile", "establishment", "entName", "entLogin", "createdAt", "entFailureId"
    FROM "Ticket" WHERE "id" = ${ticketId}`)
  if (!row) return null
  const ticket: AttachableTicket = { ...row, id: Number(row.id), createdAt: new Date(row.createdAt) }
  const failureId = await attachTicketToEntFailure(sql, ticket)
  if (failureId !== ticket.entFailureId) await setEntFailure(sql, ticket.id, failureId, storedDate(new Date()))
  return failureId
}
