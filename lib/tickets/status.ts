// Ticket workflow states. Pure: shown on the public tracking page and in the admin queue.

export const ticketStatuses = ['NEW', 'IN_PROGRESS', 'WAITING_USER', 'RESOLVED', 'REJECTED'] as const
export type TicketStatus = (typeof ticketStatuses)[number]

export const statusLabels: Record<TicketStatus, string> = {
  NEW: 'Nouveau',
  IN_PROGRESS: 'En cours de traitement',
  WAITING_USER: 'En attente de votre réponse',
  RESOLVED: 'Résolu',
  REJECTED: 'Clos sans suite',
}

export const closedStatuses: readonly TicketStatus[] = ['RESOLVED', 'REJECTED']

export function isTicketStatus(value: string): value is TicketStatus {
  return (ticketStatuses as readonly string[]).includes(value)
}

/**
 * Allowed moves between statuses. A closed ticket can only be reopened (to IN_PROGRESS or NEW);
 * closing always goes through an open state so RESOLVED ↔ REJECTED needs a reopen first.
 */
export const statusTransitions: Record<TicketStatus, readonly TicketStatus[]> = {
  NEW: ['IN_PROGRESS', 'WAITING_USER', 'RESOLVED', 'REJECTED'],
  IN_PROGRESS: ['NEW', 'WAITING_USER', 'RESOLVED', 'REJECTED'],
  WAITING_USER: ['NEW', 'IN_PROGRESS', 'RESOLVED', 'REJECTED'],
  RESOLVED: ['IN_PROGRESS', 'NEW'],
  REJECTED: ['IN_PROGRESS', 'NEW'],
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return statusTransitions[from].includes(to)
}

/** The one definition of "closed" (retention, the queue, ENT records all use it). */
export function isClosedStatus(status: string): boolean {
  return (closedStatuses as readonly string[]).includes(status)
}
