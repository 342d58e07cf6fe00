import 'server-only'
import { db } from '@/lib/db'
import { closedStatuses } from '@/lib/tickets/status'
import { clearTicketMessages } from '@/lib/mail/erase'
import { anonymiseTickets } from '@/lib/tickets/anonymise'

// Retention: closed reports (RESOLVED / REJECTED) whose closing is older than the retention period
// are anonymised; category, profile, establishment and timestamps stay for statistics.

const BATCH = 500

export interface PurgeSummary {
  anonymised: number
  cutoff: Date
}

export async function purgeClosedReports(olderThanDays: number, now = new Date()): Promise<PurgeSummary> {
  const cutoff = new Date(now.getTime() - olderThanDays * 24 * 60 * 60 * 1000)
  let anonymised = 0
  for (;;) {
    const batch = await db.ticket.findMany({
      where: {
        status: { in: [...closedStatuses] },
        anonymizedAt: null,
        // A closed ticket has closedAt; older rows without it fall back to their last update.
        OR: [{ closedAt: { lt: cutoff } }, { closedAt: null, updatedAt: { lt: cutoff } }],
      },
      select: { id: true },
      take: BATCH,
    })
    if (batch.length === 0) break
    const ids = batch.map((t) => t.id)
    await db.$transaction(async (tx) => {
      await anonymiseTickets(tx, ids, now)
      // Their messages too: the outbox holds the address and the sealed tracking token.
      await clearTicketMessages(tx, ids)
    })
    anonymised += batch.length
  }
  return { anonymised, cutoff }
}
