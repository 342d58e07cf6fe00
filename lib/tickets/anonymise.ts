import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import { erasedTicketFields, snapshotPersonalKeys } from './personal-fields'

// What "anonymised" means for a ticket, shared by the retention purge and the erasure on request
// (lib/privacy), written here because every change to a Ticket goes through lib/tickets.
// Kept for statistics: category, autoCategory, profile, establishment, status, priority, timestamps.

/** Ticket columns that hold personal data, and what they become. */
export const anonymisedTicketData = (now: Date): Prisma.TicketUpdateManyMutationInput => ({ ...erasedTicketFields, anonymizedAt: now })

/** An event's before/after JSON snapshot without its personal fields (null when not JSON). */
export function scrubSnapshot(json: string | null): string | null {
  if (json === null) return null
  try {
    const value: unknown = JSON.parse(json)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
    const kept = Object.fromEntries(Object.entries(value).filter(([key]) => !snapshotPersonalKeys.has(key)))
    return JSON.stringify(kept)
  } catch {
    return null
  }
}

/** Anonymises the given tickets and their history inside the caller's transaction. */
export async function anonymiseTickets(tx: Prisma.TransactionClient, ticketIds: number[], now: Date): Promise<void> {
  if (ticketIds.length === 0) return
  await tx.ticket.updateMany({ where: { id: { in: ticketIds } }, data: anonymisedTicketData(now) })
  const events = await tx.ticketEvent.findMany({
    where: { ticketId: { in: ticketIds } },
    select: { id: true, before: true, after: true },
  })
  for (const event of events) {
    await tx.ticketEvent.update({
      where: { id: event.id },
      data: { note: null, before: scrubSnapshot(event.before), after: scrubSnapshot(event.after) },
    })
  }
}
