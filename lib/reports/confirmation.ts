import 'server-only'
import { db } from '@/lib/db'
import { prismaSql } from '@/lib/db-write'
import { countConfirmation } from '@/lib/incidents/join'
import { fail, ok, type Result } from '@/lib/result'
import { confirmWorks, reopenStillBlocked } from '@/lib/tickets/confirmation'
import { invalidateTicketCounts } from '@/lib/tickets/facets'
import { confirmationSchema } from './confirmation-schema'
import { fieldErrorsFrom, referenceSchema, trackingTokenSchema } from './schemas'
import { hashTrackingToken, trackingTokenMatches } from './reference'

// "Pouvez-vous vous connecter maintenant ?" on the tracking page of a resolved report, and
// POST /api/reports/{reference}/confirmation?t=TOKEN. The ticket changes through lib/tickets, the
// incident it was resolved with counts the answer, in one transaction.


export const NOT_RESOLVED_MESSAGE = 'Ce signalement n’est pas (ou plus) marqué comme résolu.'
const NO_TICKET_HASH = hashTrackingToken('no ticket')

export interface ConfirmationOutcome {
  status: string
  verified: boolean
}

/** NOT_FOUND for a wrong reference or token, CONFLICT when the ticket is not RESOLVED. */
export async function confirmReport(reference: unknown, token: unknown, input: unknown): Promise<Result<ConfirmationOutcome>> {
  const ref = referenceSchema.safeParse(reference)
  const tok = trackingTokenSchema.safeParse(token)
  if (!ref.success || !tok.success) return fail('NOT_FOUND')
  const row = await db.ticket.findUnique({ where: { reference: ref.data }, select: { trackingTokenHash: true } })
  if (!trackingTokenMatches(tok.data, row?.trackingTokenHash ?? NO_TICKET_HASH) || !row) return fail('NOT_FOUND')
  const parsed = confirmationSchema.safeParse(input)
  if (!parsed.success) return fail('VALIDATION', { fieldErrors: fieldErrorsFrom(parsed.error) })
  const { works, comment } = parsed.data

  const outcome = await db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUniqueOrThrow({
      where: { reference: ref.data },
      select: { id: true, status: true, incidentId: true, confirmation: true, publicMessage: true },
    })
    if (ticket.status !== 'RESOLVED') return null
    if (works) {
      if ((await confirmWorks(tx, ticket)) && ticket.incidentId) await countConfirmation(prismaSql(tx), ticket.incidentId, true)
      return { status: 'RESOLVED', verified: true }
    }
    await reopenStillBlocked(tx, ticket, comment)
    if (ticket.incidentId) await countConfirmation(prismaSql(tx), ticket.incidentId, false)
    return { status: 'NEW', verified: false }
  })
  if (!outcome) return fail('CONFLICT', { message: NOT_RESOLVED_MESSAGE })
  await invalidateTicketCounts()
  return ok(outcome)
}
