import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { prismaSql } from '@/lib/db-write'
import type { Prisma } from '@/lib/generated/prisma/client'
import { fail, invalidInput, ok, type FailureCode, type Result } from '@/lib/result'
import type { TicketEventType } from './events'
import { invalidateTicketCounts } from './facets'
import { categoryChanged, holdFollowedRecords, statusChanged } from './followers'
import { countTicketChange, type CountedTicket } from './hour-counts'
import { carriesPublicMessage, type StatusNoticeFollower } from './status-notice'
import { ticketBulkSchema, ticketUpdateSchema, type TicketUpdate } from './schemas'
import { canTransition, isClosedStatus, statusLabels, type TicketStatus } from './status'

// Ticket workflow. Every change is guarded by the version the agent saw (optimistic concurrency:
// an update based on a stale version is refused, never merged) and recorded as TicketEvents.

type Tx = Prisma.TransactionClient

class Abort extends Error {
  constructor(
    readonly code: FailureCode,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(code)
  }
}

interface EventDraft {
  type: TicketEventType
  before?: unknown
  after?: unknown
  note?: string
}

/** What an update leaves: the ticket's version after it (unchanged when nothing differed). */
export interface UpdatedTicket {
  reference: string
  version: number
}

/** A category set by a school rule (lib/rules) rather than by hand: the classifier's new verdict. */
export interface RuleVerdict {
  category: string
  variant: string | null
  confidence: number
  evidence: string
  /** The history note, "recatégorisé par la règle « … »". */
  note: string
}

/** How a change is made: by a school rule (`byRule`), and who hears of a status change (`follow`). */
interface ChangeContext {
  byRule?: RuleVerdict
  follow?: StatusNoticeFollower
}

async function applyUpdate(tx: Tx, viewer: Viewer, reference: string, input: TicketUpdate, how: ChangeContext = {}): Promise<UpdatedTicket> {
  const { byRule, follow } = how
  const current = await tx.ticket.findUnique({
    where: { reference },
    select: {
      id: true,
      status: true,
      category: true,
      publicMessage: true,
      version: true,
      entFailureId: true,
      createdAt: true,
      firstActionAt: true,
      closedAt: true,
      confirmation: true,
      assignee: { select: { id: true, name: true } },
    },
  })
  if (!current) throw new Abort('NOT_FOUND')
  if (current.version !== input.version) throw new Abort('CONFLICT')

  const data: Prisma.TicketUpdateManyMutationInput & { assigneeId?: string | null } = {}
  const events: EventDraft[] = []

  const from = current.status as TicketStatus
  if (input.status !== undefined && input.status !== from) {
    if (!canTransition(from, input.status)) {
      throw new Abort('VALIDATION', {
        status: [`Impossible de passer de « ${statusLabels[from]} » à « ${statusLabels[input.status]} ».`],
      })
    }
    data.status = input.status
    data.closedAt = isClosedStatus(input.status) ? new Date() : null
    events.push({ type: 'STATUS_CHANGED', before: { status: from }, after: { status: input.status } })
  }

  if (input.publicMessage !== undefined && input.publicMessage !== current.publicMessage) {
    data.publicMessage = input.publicMessage
    events.push({
      type: 'PUBLIC_MESSAGE_CHANGED',
      before: { publicMessage: current.publicMessage },
      after: { publicMessage: input.publicMessage },
    })
  }

  if (input.assigneeId !== undefined && input.assigneeId !== (current.assignee?.id ?? null)) {
    let next: { id: string; name: string } | null = null
    if (input.assigneeId !== null) {
      next = await tx.staffUser.findFirst({
        where: { id: input.assigneeId, disabledAt: null },
        select: { id: true, name: true },
      })
      if (!next) throw new Abort('VALIDATION', { assigneeId: ['Ce compte n’existe pas ou est désactivé.'] })
    }
    data.assigneeId = next?.id ?? null
    events.push({ type: 'ASSIGNED', before: { assignee: current.assignee }, after: { assignee: next } })
  }

  const categoryChange = input.category !== undefined && input.category !== current.category
  if (categoryChange && byRule) {
    // A school rule re-classified the ticket: it is still the classifier's verdict (autoCategory),
    // and the event type keeps it apart from a change by hand, which rules never override.
    Object.assign(data, { category: byRule.category, autoCategory: byRule.category, variant: byRule.variant })
    Object.assign(data, { confidence: byRule.confidence, evidence: byRule.evidence })
    events.push({ type: 'RECATEGORIZED', before: { category: current.category }, after: { category: byRule.category }, note: byRule.note })
  } else if (categoryChange) {
    // autoCategory is left untouched: the classifier's verdict stays visible next to the agent's.
    data.category = input.category
    events.push({ type: 'CATEGORY_CHANGED', before: { category: current.category }, after: { category: input.category } })
  }

  if (input.note !== undefined) events.push({ type: 'NOTE_ADDED', note: input.note })

  if (events.length === 0) return { reference, version: current.version } // nothing differs: no new version
  // The dashboard's "time to first action"; a ticket closed at its first action keeps one instant
  // for both (lib/stats counts it as resolved without an earlier intervention).
  if (!current.firstActionAt) data.firstActionAt = data.closedAt instanceof Date ? data.closedAt : new Date()

  if (data.status !== undefined || categoryChange) await holdFollowedRecords(prismaSql(tx), current.id, viewer.id)
  const updated = await tx.ticket.updateMany({
    where: { id: current.id, version: input.version },
    data: { ...data, version: { increment: 1 } },
  })
  if (updated.count === 0) throw new Abort('CONFLICT')

  await tx.ticketEvent.createMany({
    data: events.map((e) => ({
      ticketId: current.id,
      actorId: viewer.id,
      type: e.type,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      note: e.note ?? null,
    })),
  })

  // What follows a ticket, inside this transaction: the dashboard's counts, then the other domains
  // (followers.ts): its ENT identity record (joined or left on a category change; closed or reopened
  // with its tickets), its incident.
  const sql = prismaSql(tx)
  await countTicketChange(sql, current, {
    createdAt: current.createdAt,
    category: data.category ?? current.category,
    status: data.status ?? current.status,
    firstActionAt: data.firstActionAt ?? current.firstActionAt,
    closedAt: data.closedAt === undefined ? current.closedAt : data.closedAt,
    confirmation: current.confirmation,
  } as CountedTicket)
  if (categoryChange) await categoryChanged(sql, current.id, viewer.id)
  if (data.status !== undefined) await statusChanged(sql, current.id, viewer.id)
  const publicMessage = input.publicMessage !== undefined ? input.publicMessage : current.publicMessage
  if (follow && data.status !== undefined && carriesPublicMessage(publicMessage)) {
    await follow(sql, { ticketId: current.id, status: data.status as TicketStatus })
  }
  return { reference, version: current.version + 1 }
}

/**
 * Applies one agent change (status, public message, assignee, category, note) to a ticket.
 * `input` is untrusted ({ version, status?, assigneeId?, category?, note?, publicMessage? }).
 * CONFLICT when `version` is not the ticket's current version. `follow` is told of a status change
 * that carries a public message, inside the transaction (lib/tickets/status-notice.ts).
 */
export async function updateTicket(viewer: Viewer, reference: string, input: unknown, follow?: StatusNoticeFollower): Promise<Result<UpdatedTicket>> {
  const parsed = ticketUpdateSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  let updated: UpdatedTicket
  try {
    updated = await db.$transaction((tx) => applyUpdate(tx, viewer, reference, parsed.data, { follow }))
  } catch (error) {
    if (error instanceof Abort) return fail(error.code, error.fieldErrors ? { fieldErrors: error.fieldErrors } : undefined)
    throw error
  }
  await invalidateTicketCounts()
  return ok(updated)
}

/**
 * Re-classifies one ticket by a school rule (lib/rules apply), inside the caller's transaction,
 * through the same path as an agent's category change (history, ENT record and whatever else
 * follows a category). Skipped (false) when the ticket changed since it was read (`version`) or
 * when its category was ever set by hand: a rule never overrides a person.
 */
export async function recategorizeTicket(tx: Tx, viewer: Viewer, reference: string, version: number, verdict: RuleVerdict): Promise<boolean> {
  const manual = await tx.ticketEvent.findFirst({ where: { ticket: { reference }, type: 'CATEGORY_CHANGED' }, select: { id: true } })
  if (manual) return false
  try {
    const updated = await applyUpdate(tx, viewer, reference, { version, category: verdict.category as TicketUpdate['category'] }, { byRule: verdict })
    return updated.version !== version
  } catch (error) {
    if (error instanceof Abort) return false
    throw error
  }
}

export interface BulkOutcome {
  applied: number
  conflicted: number
  /** References refused for another reason (not found, transition not allowed…). */
  failed: { reference: string; code: FailureCode; message?: string }[]
}

/**
 * Applies one action to a selection, ticket by ticket, each with the version that was displayed.
 * A ticket changed meanwhile is counted as a conflict and left untouched.
 */
export async function bulkUpdateTickets(viewer: Viewer, input: unknown, follow?: StatusNoticeFollower): Promise<Result<BulkOutcome>> {
  const parsed = ticketBulkSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const bulk = parsed.data
  const change =
    bulk.action === 'assign'
      ? { assigneeId: bulk.assigneeId }
      : bulk.action === 'status'
        ? { status: bulk.status }
        : { category: bulk.category }
  const outcome: BulkOutcome = { applied: 0, conflicted: 0, failed: [] }
  for (const item of new Set(bulk.items)) {
    const [reference = '', version = ''] = item.split(':')
    const result = await updateTicket(viewer, reference, { version, ...change }, follow)
    if (result.ok) outcome.applied++
    else if (result.code === 'CONFLICT') outcome.conflicted++
    else outcome.failed.push({ reference, code: result.code, message: Object.values(result.fieldErrors ?? {})[0]?.[0] })
  }
  return ok(outcome)
}
