import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'

// The person's answer after a resolution ("Pouvez-vous vous connecter maintenant ?"), written like
// every change of a Ticket here. "Oui" marks the ticket verified; "Non" puts it back in the queue
// as an individual ticket (out of its incident), with the event the issue names.

type Tx = Prisma.TransactionClient

export const STILL_BLOCKED_NOTE = 'Toujours bloqué après résolution.'
const STILL_BLOCKED_MESSAGE = 'Merci pour votre réponse : votre signalement est de nouveau entre les mains de l’établissement.'

export interface ConfirmableTicket {
  id: number
  status: string
  incidentId: string | null
  confirmation: string | null
  publicMessage: string | null
}

/** Records "it works": idempotent. Returns false when it was already recorded. */
export async function confirmWorks(tx: Tx, ticket: ConfirmableTicket): Promise<boolean> {
  if (ticket.confirmation === 'WORKS') return false
  await tx.ticket.update({ where: { id: ticket.id }, data: { confirmation: 'WORKS', confirmedAt: new Date(), version: { increment: 1 } } })
  await tx.ticketEvent.create({ data: { ticketId: ticket.id, type: 'CONFIRMED', after: JSON.stringify({ works: true }) } })
  return true
}

/** Records "still blocked": the ticket is reopened (NEW), out of its incident, with the person's comment. */
export async function reopenStillBlocked(tx: Tx, ticket: ConfirmableTicket, comment: string | null): Promise<void> {
  await tx.ticket.update({
    where: { id: ticket.id },
    data: {
      status: 'NEW',
      closedAt: null,
      incidentId: null,
      confirmation: 'STILL_BLOCKED',
      confirmedAt: new Date(),
      publicMessage: STILL_BLOCKED_MESSAGE,
      version: { increment: 1 },
    },
  })
  const json = JSON.stringify
  await tx.ticketEvent.createMany({
    data: [
      { ticketId: ticket.id, type: 'CONFIRMED', after: json({ works: false }), note: comment ? `Commentaire : ${comment}` : null },
      { ticketId: ticket.id, type: 'STATUS_CHANGED', before: json({ status: ticket.status }), after: json({ status: 'NEW' }), note: STILL_BLOCKED_NOTE },
      ...(ticket.incidentId
        ? [{ ticketId: ticket.id, type: 'INCIDENT_CHANGED', before: json({ incidentId: ticket.incidentId }), after: json({ incidentId: null }), note: STILL_BLOCKED_NOTE }]
        : []),
      { ticketId: ticket.id, type: 'PUBLIC_MESSAGE_CHANGED', before: json({ publicMessage: ticket.publicMessage }), after: json({ publicMessage: STILL_BLOCKED_MESSAGE }) },
    ],
  })
}
