import type { Sql } from '@/lib/db-write'
import type { TicketStatus } from './status'

// The person's side of a status change (the outbox of lib/mail) is told inside the change's own
// transaction, through the `Sql` of that transaction, so its rows commit or roll back with the
// change. Unlike the records kept in step (followers.ts), it is passed by the caller of the change:
// an agent's change, a bulk change or another domain's decision each say whether the person hears.

/** A ticket whose status changed while it carries a public message for the person. */
export interface StatusChangeNotice {
  ticketId: number
  status: TicketStatus
}

export type StatusNoticeFollower = (sql: Sql, notice: StatusChangeNotice) => Promise<void>

/** The rule of issue 14: a status change tells the person only when it carries a public message. */
export function carriesPublicMessage(publicMessage: string | null | undefined): boolean {
  return typeof publicMessage === 'string' && publicMessage.trim() !== ''
}
