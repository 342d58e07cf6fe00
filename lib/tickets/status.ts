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
