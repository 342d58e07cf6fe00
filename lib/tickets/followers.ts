import type { Sql } from '@/lib/db-write'
import type { TicketStatus } from './status'

// Who follows a ticket's status changes from outside this folder (the outbox of lib/mail) is told
// inside the change's own transaction, through the `Sql` of that transaction, so its rows commit or
// roll back with the change. lib/tickets does not import its followers: callers pass them.

/** A ticket whose status changed while it carries a public message for the person. */
export interface StatusChangeNotice {
  ticketId: number
  status: TicketStatus
}

export type TicketFollower = (sql: Sql, notice: StatusChangeNotice) => Promise<void>

/** The rule of issue 14: a status change tells the person only when it carries a public message. */
export function carriesPublicMessage(publicMessage: string | null | undefined): boolean {
  return typeof publicMessage === 'string' && publicMessage.trim() !== ''
}
