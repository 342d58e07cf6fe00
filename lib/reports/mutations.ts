import 'server-only'
import { groupCommit } from '@/lib/db-write'
import { ENT_CATEGORY } from '@/lib/ent-failures/grouping'
import { syncTicketEntFailure } from '@/lib/ent-failures/follow'
import '@/lib/followers' // every domain that follows a ticket, for processes that file reports outside the server
import { enqueueAcknowledgement } from '@/lib/mail/outbox'
import { nudgeMailDelivery } from '@/lib/mail/nudge'
import { alertIfIncidentDue } from '@/lib/mail/staff'
import { joinIncident, type JoinedIncident } from '@/lib/incidents/join'
import { invalidInput, ok, type Result } from '@/lib/result'
import { classifyMessage } from '@/lib/rules/active'
import { sqlDialect } from '@/lib/sql-dialect'
import { createTicket, type NewTicketRow } from '@/lib/tickets/create'
import { describeDiagnosis } from './diagnosis'
import { createdReport, publicSelfHelp, type CreatedReport } from './dto'
import { generateReference, generateTrackingToken, hashTrackingToken } from './reference'
import { reportSchema } from './schemas'

const MAX_REFERENCE_ATTEMPTS = 5

// A reference collision, or on PostgreSQL a concurrent report that opened the same incident first
// (its partial unique index): a fresh attempt finds that incident and joins it.
const isUniqueViolation = (error: unknown) => sqlDialect().isUniqueViolation(error)

/**
 * Files a public report: validates, classifies the message, stores a NEW ticket with a fresh
 * reference and the hash of a tracking token (lib/tickets/create.ts, in a group commit: the 201
 * comes after the fsync that covers it). A report with a shared cause joins its open incident in
 * the same savepoint (lib/incidents/join.ts); an ENT identity report its ENT record (lib/ent-failures).
 * With an e-mail, its acknowledgement is queued in the same savepoint too (lib/mail/outbox.ts):
 * stored together or not at all. Public: no viewer. The token is returned once.
 */
export async function createReport(input: unknown): Promise<Result<CreatedReport>> {
  const parsed = reportSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const report = parsed.data
  // Built-in signals and the school's rules (lib/rules: read from the database in every process).
  const verdict = await classifyMessage(report.message)
  const token = generateTrackingToken()
  const diagnosis = describeDiagnosis(verdict.category, verdict.variant)
  const acknowledgement = { token, selfHelp: publicSelfHelp(diagnosis) ?? null, whoActs: diagnosis.whoActs }
  const row: Omit<NewTicketRow, 'reference'> = {
    ...report,
    trackingTokenHash: hashTrackingToken(token),
    category: verdict.category,
    variant: verdict.variant ?? null,
    confidence: verdict.confidence,
    evidence: JSON.stringify(verdict.evidence),
  }

  for (let attempt = 1; ; attempt++) {
    const reference = generateReference()
    let incident: JoinedIncident | null
    try {
      incident = await groupCommit(async (sql) => {
        const now = new Date()
        const joined = await joinIncident(sql, row, now)
        const ticketId = await createTicket(sql, { ...row, reference, incidentId: joined?.id ?? null }, now)
        if (row.category === ENT_CATEGORY) await syncTicketEntFailure(sql, ticketId)
        if (row.email) await enqueueAcknowledgement(sql, { ...acknowledgement, ticketId, reference, email: row.email })
        if (joined) await alertIfIncidentDue(sql, { id: joined.id, category: row.category, variant: row.variant }, now)
        return joined
      })
    } catch (error) {
      // 40 random bits make a collision rare; a fresh reference settles it.
      if (isUniqueViolation(error) && attempt < MAX_REFERENCE_ATTEMPTS) continue
      throw error
    }
    if (row.email || incident) nudgeMailDelivery()
    return ok(createdReport(reference, token, verdict, incident))
  }
}
