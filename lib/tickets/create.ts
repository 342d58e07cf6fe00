import 'server-only'
import type { Sql } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import { storedDate } from '@/lib/time/stored-date'

// The one writer of a new ticket: its row and its CREATED event, in the caller's transaction (a group
// commit for public reports, see lib/db-write.ts). The records that follow a ticket (its incident,
// its ENT identity record) are placed by their own domains in the same transaction, through the
// setters here: lib/reports orchestrates a new report.

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

/** Places a ticket on its ENT identity record (null: none), for lib/ent-failures. */
export async function setTicketEntFailure(sql: Sql, ticketId: number, failureId: string | null, now = new Date()): Promise<void> {
  await sql.run(Prisma.sql`UPDATE "Ticket" SET "entFailureId" = ${failureId}, "updatedAt" = ${storedDate(now)} WHERE "id" = ${ticketId}`)
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
  return id
}
