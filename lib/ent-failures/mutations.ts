import 'server-only'
import { hasRole } from '@/lib/auth/policy'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { prismaSql } from '@/lib/db-write'
import type { Prisma } from '@/lib/generated/prisma/client'
import { fail, invalidInput, ok, type FieldErrors, type Result } from '@/lib/result'
import { changeTicketStatuses } from '@/lib/tickets/close'
import { invalidateTicketCounts } from '@/lib/tickets/facets'
import type { StatusNoticeFollower } from '@/lib/tickets/status-notice'
import { entFailureColumns, toEntFailureSummary, type EntFailureSummary } from './dto'
import { recordReporterKey } from './grouping'
import { reporterKeyFor } from './reporter'
import { linkEntFailureSchema, rejectEntFailureSchema, reopenEntFailureSchema } from './schemas'

// Decisions on an ENT failure: link to a PRONOTE account, reject, reopen. Each one updates the
// record under its version, closes or reopens every attached ticket and writes both histories.

export const LINKED_PUBLIC_MESSAGE =
  'Bonne nouvelle : l’établissement a relié votre compte ENT à votre compte PRONOTE. ' +
  'Reconnectez-vous en passant par votre ENT, comme d’habitude. ' +
  'Si le message « Identification impossible » apparaît encore, faites un nouveau signalement.'
export const REOPENED_PUBLIC_MESSAGE = 'Votre demande est de nouveau à l’étude par l’établissement.'
/** What a report from someone other than the record's first reporter reads instead of the decision. */
export const OTHER_REPORTER_PUBLIC_MESSAGE =
  'L’établissement a traité la demande concernant ce compte ENT. ' +
  'Si vous êtes toujours bloqué, contactez directement l’établissement.'

class Abort extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT' | 'VALIDATION',
    readonly detail?: { message?: string; fieldErrors?: FieldErrors },
  ) {
    super(code)
  }
}

type Tx = Prisma.TransactionClient

/** Closes the record's open tickets: the decision message reaches only the first reporter's. */
// `follow` (the outbox, passed by the caller) is told of each ticket changed with its public message.
async function closeTickets(tx: Tx, viewer: Viewer, failureId: string, status: 'RESOLVED' | 'REJECTED', publicMessage: string, note: string, follow?: StatusNoticeFollower) {
  const record = await tx.entFailure.findUniqueOrThrow({ where: { id: failureId }, select: { id: true, reporterKey: true } })
  const reporterKey = await recordReporterKey(prismaSql(tx), record)
  await changeTicketStatuses(tx, viewer, {
    where: { entFailureId: failureId },
    status,
    publicMessage: (t) => (reporterKeyFor(t) === reporterKey ? publicMessage : OTHER_REPORTER_PUBLIC_MESSAGE),
    note,
    follow,
  })
}

async function decide(
  viewer: Viewer,
  id: string,
  expectStatus: 'OPEN' | 'DECIDED',
  version: number | undefined,
  apply: (tx: Tx, current: { status: string; linkedLogin: string | null; rejectReason: string | null }) => Promise<void>,
): Promise<Result<EntFailureSummary>> {
  if (!hasRole(viewer, 'AGENT')) return fail('FORBIDDEN')
  try {
    const row = await db.$transaction(async (tx) => {
      const current = await tx.entFailure.findUnique({ where: { id }, select: { status: true, version: true, linkedLogin: true, rejectReason: true } })
      if (!current) throw new Abort('NOT_FOUND')
      const statusOk = expectStatus === 'OPEN' ? current.status === 'OPEN' : current.status !== 'OPEN'
      if (!statusOk || (version !== undefined && version !== current.version)) {
        throw new Abort('CONFLICT', {
          message: expectStatus === 'OPEN' && current.status !== 'OPEN' ? 'Cet échec a déjà été traité (il n’est plus ouvert).' : undefined,
        })
      }
      await apply(tx, current)
      return tx.entFailure.findUniqueOrThrow({ where: { id }, select: entFailureColumns })
    })
    await invalidateTicketCounts()
    return ok(toEntFailureSummary(row))
  } catch (error) {
    if (error instanceof Abort) return fail(error.code, error.detail)
    throw error
  }
}

/** Links the ENT identity to a PRONOTE account of the directory and resolves its tickets. */
export async function linkEntFailure(viewer: Viewer, id: string, input: unknown, follow?: StatusNoticeFollower): Promise<Result<EntFailureSummary>> {
  const parsed = linkEntFailureSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { login, version } = parsed.data
  return decide(viewer, id, 'OPEN', version, async (tx) => {
    const account = await tx.directoryAccount.findUnique({ where: { login }, select: { login: true, firstName: true, lastName: true } })
    if (!account) {
      throw new Abort('VALIDATION', {
        fieldErrors: { login: [`Aucun compte PRONOTE avec l’identifiant « ${login} » dans l’annuaire importé.`] },
      })
    }
    const updated = await tx.entFailure.updateMany({
      where: { id, status: 'OPEN', ...(version !== undefined ? { version } : {}) },
      data: { status: 'LINKED', linkedLogin: account.login, decidedById: viewer.id, decidedAt: new Date(), rejectReason: null, version: { increment: 1 } },
    })
    if (updated.count === 0) throw new Abort('CONFLICT')
    await tx.entFailureEvent.create({
      data: {
        entFailureId: id,
        actorId: viewer.id,
        type: 'LINKED',
        before: JSON.stringify({ status: 'OPEN' }),
        after: JSON.stringify({ status: 'LINKED', linkedLogin: account.login, account: `${account.firstName} ${account.lastName}` }),
      },
    })
    await closeTickets(tx, viewer, id, 'RESOLVED', LINKED_PUBLIC_MESSAGE, `Identité ENT reliée au compte PRONOTE ${account.login}.`, follow)
  })
}

/** No PRONOTE account matches: rejects with a reason the person will read on their tracking page. */
export async function rejectEntFailure(viewer: Viewer, id: string, input: unknown, follow?: StatusNoticeFollower): Promise<Result<EntFailureSummary>> {
  const parsed = rejectEntFailureSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { reason, version } = parsed.data
  return decide(viewer, id, 'OPEN', version, async (tx) => {
    const updated = await tx.entFailure.updateMany({
      where: { id, status: 'OPEN', ...(version !== undefined ? { version } : {}) },
      data: { status: 'REJECTED', rejectReason: reason, linkedLogin: null, decidedById: viewer.id, decidedAt: new Date(), version: { increment: 1 } },
    })
    if (updated.count === 0) throw new Abort('CONFLICT')
    await tx.entFailureEvent.create({
      data: { entFailureId: id, actorId: viewer.id, type: 'REJECTED', before: JSON.stringify({ status: 'OPEN' }), after: JSON.stringify({ status: 'REJECTED' }), note: reason },
    })
    await closeTickets(tx, viewer, id, 'REJECTED', reason, 'Aucun compte PRONOTE ne correspond à cette identité ENT.', follow)
  })
}

/** Undoes a decision: the record is open again and its closed tickets go back to "in progress". */
export async function reopenEntFailure(viewer: Viewer, id: string, input: unknown, follow?: StatusNoticeFollower): Promise<Result<EntFailureSummary>> {
  const parsed = reopenEntFailureSchema.safeParse(input ?? {})
  if (!parsed.success) return invalidInput(parsed.error)
  const { version } = parsed.data
  return decide(viewer, id, 'DECIDED', version, async (tx, current) => {
    const updated = await tx.entFailure.updateMany({
      where: { id, status: current.status, ...(version !== undefined ? { version } : {}) },
      data: { status: 'OPEN', linkedLogin: null, rejectReason: null, decidedById: null, decidedAt: null, version: { increment: 1 } },
    })
    if (updated.count === 0) throw new Abort('CONFLICT')
    await tx.entFailureEvent.create({
      data: {
        entFailureId: id,
        actorId: viewer.id,
        type: 'REOPENED',
        before: JSON.stringify({ status: current.status, linkedLogin: current.linkedLogin, rejectReason: current.rejectReason }),
        after: JSON.stringify({ status: 'OPEN' }),
      },
    })
    await changeTicketStatuses(tx, viewer, {
      where: { entFailureId: id },
      status: 'IN_PROGRESS',
      publicMessage: () => REOPENED_PUBLIC_MESSAGE,
      note: 'Décision sur l’identité ENT annulée.',
      follow,
    })
  })
}
