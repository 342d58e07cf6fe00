import 'server-only'
import { db } from '@/lib/db'
import { fail, ok, type Result } from '@/lib/result'
import { toTrackedReport, trackedReportColumns, type TrackedReport } from './dto'
import { hashTrackingToken, trackingTokenMatches } from './reference'
import { referenceSchema, trackingTokenSchema } from './schemas'

// Compared against when the reference is unknown, so both failures cost the same.
const NO_TICKET_HASH = hashTrackingToken('no ticket')

/**
 * The public view of a ticket, for whoever holds its tracking token. A malformed or unknown
 * reference and a wrong token all give the same NOT_FOUND: existence is never revealed.
 */
export async function getTrackedReport(reference: unknown, token: unknown): Promise<Result<TrackedReport>> {
  const ref = referenceSchema.safeParse(reference)
  const tok = trackingTokenSchema.safeParse(token)
  if (!ref.success || !tok.success) return fail('NOT_FOUND')
  const row = await db.ticket.findUnique({ where: { reference: ref.data }, select: trackedReportColumns })
  const matches = trackingTokenMatches(tok.data, row?.trackingTokenHash ?? NO_TICKET_HASH)
  if (!row || !matches) return fail('NOT_FOUND')
  return ok(toTrackedReport(row))
}
