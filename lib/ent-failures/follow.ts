import 'server-only'
import type { Sql } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import { setTicketEntFailure } from '@/lib/tickets/create'
import { followTicketCategory, followTicketStatus, holdBeforeTicketChange } from '@/lib/tickets/followers'
import { attachTicketToEntFailure, type AttachableTicket } from './grouping'
import { followTicketStatuses, holdEntFailure } from './ticket-status'

// An ENT identity record follows its tickets, in the ticket's transaction: a new ENT report or a
// category change joins, moves or leaves the record (grouping.ts); a status changed by hand closes or
// reopens the record with its tickets (ticket-status.ts). Registered with lib/tickets on import
// (lib/followers.ts).

async function readAttachable(sql: Sql, ticketId: number): Promise<AttachableTicket | null> {
  const [row] = await sql.rows<Omit<AttachableTicket, 'createdAt'> & { createdAt: string | Date }>(Prisma.sql`SELECT "id",
    "category", "fullName", "email", "profile", "establishment", "entName", "entLogin", "createdAt", "entFailureId"
    FROM "Ticket" WHERE "id" = ${ticketId}`)
  return row ? { ...row, id: Number(row.id), createdAt: new Date(row.createdAt) } : null
}

/**
 * Brings a ticket's ENT record up to date after it was written or its category changed: joins,
 * moves or leaves the record. Returns the record id (null when none).
 */
export async function syncTicketEntFailure(sql: Sql, ticketId: number): Promise<string | null> {
  const ticket = await readAttachable(sql, ticketId)
  return ticket ? attach(sql, ticket) : null
}

async function attach(sql: Sql, ticket: AttachableTicket): Promise<string | null> {
  const failureId = await attachTicketToEntFailure(sql, ticket)
  if (failureId !== ticket.entFailureId) await setTicketEntFailure(sql, ticket.id, failureId)
  return failureId
}

followTicketCategory('ent-failures', async (sql, ticketId) => {
  const ticket = await readAttachable(sql, ticketId)
  if (!ticket) return
  const before = ticket.entFailureId
  const after = await attach(sql, ticket)
  for (const record of new Set([before, after])) if (record) await followTicketStatuses(sql, record)
})

followTicketStatus('ent-failures', async (sql, ticketId) => {
  const record = (await readAttachable(sql, ticketId))?.entFailureId
  if (record) await followTicketStatuses(sql, record)
})

holdBeforeTicketChange('ent-failures', async (sql, ticketId) => {
  const record = (await readAttachable(sql, ticketId))?.entFailureId
  if (record) await holdEntFailure(sql, record)
})
