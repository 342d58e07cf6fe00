import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { prismaSql } from '@/lib/db-write'
import type { Prisma } from '@/lib/generated/prisma/client'
import { countTicketChange } from './hour-counts'
import { carriesPublicMessage, type StatusNoticeFollower } from './status-notice'
import { canTransition, closedStatuses, isTicketStatus, type TicketStatus } from './status'

// Changes of many tickets at once made by another domain's decision (an ENT record linked, rejected
// or reopened), inside that domain's transaction. Same transition rules and events as an agent's
// change (mutations.ts); the caller invalidates the queue counts after its commit
// (invalidateTicketCounts in facets.ts).

type Tx = Prisma.TransactionClient

export interface StatusChange {
  /** Where the change applies: the open (closing) or closed (reopening) tickets matching it. */
  where: Prisma.TicketWhereInput
  status: TicketStatus
  /** The message shown on each ticket's tracking page (per ticket: who may read what). */
  publicMessage: (ticket: { id: number; fullName: string; email: string | null }) => string
  note: string
  /** Told of each ticket changed with a public message, in this transaction (one notice per ticket). */
  follow?: StatusNoticeFollower
}

/** Moves the matching tickets to `change.status`; returns how many changed. */
export async function changeTicketStatuses(tx: Tx, viewer: Viewer, change: StatusChange): Promise<number> {
  const closing = closedStatuses.includes(change.status)
  const tickets = await tx.ticket.findMany({
    where: { ...change.where, status: closing ? { notIn: [...closedStatuses] } : { in: [...closedStatuses] } },
    select: { id: true, status: true, publicMessage: true, fullName: true, email: true, category: true, createdAt: true, firstActionAt: true, closedAt: true, confirmation: true },
  })
  const now = new Date()
  let changed = 0
  for (const t of tickets) {
    if (!isTicketStatus(t.status) || !canTransition(t.status, change.status)) continue
    const publicMessage = change.publicMessage(t)
    await tx.ticket.update({
      where: { id: t.id },
      data: { status: change.status, publicMessage, closedAt: closing ? now : null, firstActionAt: t.firstActionAt ?? now, version: { increment: 1 } },
    })
    await countTicketChange(prismaSql(tx), t, { ...t, status: change.status, closedAt: closing ? now : null, firstActionAt: t.firstActionAt ?? now })
    await tx.ticketEvent.createMany({
      data: [
        { ticketId: t.id, actorId: viewer.id, type: 'STATUS_CHANGED', before: JSON.stringify({ status: t.status }), after: JSON.stringify({ status: change.status }), note: change.note },
        ...(t.publicMessage === publicMessage
          ? []
          : [{ ticketId: t.id, actorId: viewer.id, type: 'PUBLIC_MESSAGE_CHANGED', before: JSON.stringify({ publicMessage: t.publicMessage }), after: JSON.stringify({ publicMessage }) }]),
      ],
    })
    if (change.follow && carriesPublicMessage(publicMessage)) await change.follow(prismaSql(tx), { ticketId: t.id, status: change.status })
    changed++
  }
  return changed
}
