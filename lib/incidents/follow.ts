import 'server-only'
import type { Sql } from '@/lib/db-write'
import { isClosedStatus } from '@/lib/tickets/status'
import { followTicketCategory } from '@/lib/tickets/followers'
import { readTicketForIncident, setTicketsIncident } from '@/lib/tickets/incident'
import { joinIncident, keyOfIncident } from './join'
import { incidentKeyFor } from './keys'

// A manual category change moves the ticket out of its incident and into the open incident of its
// new key (opened when there is none), in the agent's transaction. Registered with lib/tickets on
// import (lib/followers.ts).

/** Where the ticket belongs now; moves it when that differs. Returns the incident id (or null). */
export async function followCategory(sql: Sql, ticketId: number, actorId: string | null): Promise<string | null> {
  const ticket = await readTicketForIncident(sql, ticketId)
  if (!ticket) return null
  const key = incidentKeyFor(ticket)
  const currentKey = ticket.incidentId ? await keyOfIncident(sql, ticket.incidentId) : null
  if (ticket.incidentId && key?.key === currentKey) return ticket.incidentId
  // A closed ticket leaves its incident but joins none: it is no longer part of a surge.
  const target = key && !isClosedStatus(ticket.status) ? await joinIncident(sql, ticket, ticket.createdAt) : null
  const incidentId = target?.id ?? null
  await setTicketsIncident(sql, {
    ticketIds: [ticket.id],
    incidentId,
    actorId,
    note: incidentId ? 'Catégorie modifiée : rattaché à l’incident de sa nouvelle catégorie.' : 'Catégorie modifiée : retiré de l’incident.',
    newVersion: false,
  })
  return incidentId
}

followTicketCategory('incidents', async (sql, ticketId, actorId) => {
  await followCategory(sql, ticketId, actorId)
})
