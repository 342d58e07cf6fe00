import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { prismaSql } from '@/lib/db-write'
import { Prisma, type Incident } from '@/lib/generated/prisma/client'
import { fail, invalidInput, ok, type FailureCode, type Result } from '@/lib/result'
import { sqlDialect } from '@/lib/sql-dialect'
import { mailStatusChange } from '@/lib/mail/outbox'
import { changeTicketStatuses } from '@/lib/tickets/close'
import { invalidateTicketCounts } from '@/lib/tickets/facets'
import { incidentReopenSchema, incidentResolveSchema, incidentUpdateSchema } from './schemas'

// Staff decisions on an incident. Each is guarded by the version the agent saw (a stale one is
// refused with CONFLICT) and recorded as an IncidentEvent with its actor and the new version. The
// member tickets change only through lib/tickets (close.ts), in the same transaction.

type Tx = Prisma.TransactionClient

export class Abort extends Error {
  constructor(
    readonly code: FailureCode,
    readonly detail: { fieldErrors?: Record<string, string[]>; message?: string } = {},
  ) {
    super(code)
  }
}

export const ALREADY_RESOLVED = 'Cet incident est déjà résolu.'
export const NOT_RESOLVED = 'Cet incident n’est pas résolu.'
export const OTHER_OPEN = 'Un autre incident est déjà ouvert pour ce problème : fusionnez-les plutôt.'
const REOPENED_MESSAGE = 'Le problème n’est finalement pas réglé : l’établissement s’en occupe de nouveau.'

const isUniqueViolation = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === 'P2002' || /UNIQUE constraint failed/.test(String((error as Error | null)?.message))

/** Runs a decision in one transaction; an Abort becomes its Result, the open-key index a CONFLICT. */
export async function decide<T>(work: (tx: Tx) => Promise<T>): Promise<Result<T>> {
  try {
    const value = await db.$transaction(work, { timeout: 60_000 })
    invalidateTicketCounts()
    return ok(value)
  } catch (error) {
    if (error instanceof Abort) return fail(error.code, error.detail)
    if (isUniqueViolation(error)) return fail('CONFLICT', { message: OTHER_OPEN })
    throw error
  }
}

/** The incident as the agent saw it (NOT_FOUND, or CONFLICT when its version moved since). */
export async function seenIncident(tx: Tx, id: string, version: number): Promise<Incident> {
  // PostgreSQL: the row is this decision's until it commits; a report joining the incident meanwhile
  // either commits first (and is counted here) or waits and sees the decision (join.ts).
  await prismaSql(tx).rows(Prisma.sql`SELECT "id" FROM "Incident" WHERE "id" = ${id} ${sqlDialect().forUpdate}`)
  const incident = await tx.incident.findUnique({ where: { id } })
  if (!incident) throw new Abort('NOT_FOUND')
  if (incident.version !== version) throw new Abort('CONFLICT')
  return incident
}

/** Writes the new state with the next version and its event. */
export async function recordDecision(
  tx: Tx,
  viewer: Viewer,
  incident: Incident,
  data: Prisma.IncidentUpdateManyMutationInput,
  event: { type: string; before?: unknown; after?: unknown; note?: string },
): Promise<void> {
  const updated = await tx.incident.updateMany({
    where: { id: incident.id, version: incident.version },
    data: { ...data, version: { increment: 1 } },
  })
  if (updated.count === 0) throw new Abort('CONFLICT')
  await tx.incidentEvent.create({
    data: {
      incidentId: incident.id,
      actorId: viewer.id,
      type: event.type,
      version: incident.version + 1,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      note: event.note ?? null,
    },
  })
}

export const invalid = invalidInput

/** Publishes, edits or withdraws the public notice. */
export async function updateIncident(viewer: Viewer, id: string, input: unknown): Promise<Result<{ version: number }>> {
  const parsed = incidentUpdateSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const change = parsed.data
  return decide(async (tx) => {
    const incident = await seenIncident(tx, id, change.version)
    const published = change.published ?? incident.published
    const publicMessage = change.publicMessage ?? incident.publicMessage
    if (published && !publicMessage) {
      throw new Abort('VALIDATION', { fieldErrors: { publicMessage: ['Un avis publié a besoin d’un message.'] } })
    }
    if (published === incident.published && publicMessage === incident.publicMessage) return { version: incident.version }
    const type = !published ? 'NOTICE_WITHDRAWN' : incident.published ? 'NOTICE_CHANGED' : 'NOTICE_PUBLISHED'
    await recordDecision(
      tx,
      viewer,
      incident,
      { published, publicMessage, ...(published && !incident.published ? { publishedAt: new Date() } : {}) },
      { type, before: { published: incident.published, publicMessage: incident.publicMessage }, after: { published, publicMessage } },
    )
    return { version: incident.version + 1 }
  })
}

/**
 * Resolves the incident: every member ticket still open becomes RESOLVED with `message` as its
 * public message, each with its own history events; closed ones are untouched. One transaction:
 * a report arriving meanwhile waits for it (the gate, lib/db.ts), then opens a new incident.
 */
export async function resolveIncident(viewer: Viewer, id: string, input: unknown): Promise<Result<{ resolved: number }>> {
  const parsed = incidentResolveSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const { version, message } = parsed.data
  return decide(async (tx) => {
    const incident = await seenIncident(tx, id, version)
    if (incident.status !== 'OPEN') throw new Abort('CONFLICT', { message: ALREADY_RESOLVED })
    const resolved = await changeTicketStatuses(tx, viewer, {
      where: { incidentId: id },
      status: 'RESOLVED',
      publicMessage: () => message,
      note: 'Résolu avec l’incident.',
      // One mail per ticket (its own address, its own link), in this transaction.
      follow: mailStatusChange,
    })
    await recordDecision(
      tx,
      viewer,
      incident,
      { status: 'RESOLVED', resolvedAt: new Date(), resolvedById: viewer.id, resolutionMessage: message },
      { type: 'RESOLVED', before: { status: 'OPEN' }, after: { status: 'RESOLVED', resolved, message } },
    )
    return { resolved }
  })
}

/**
 * Reopens a resolved incident and, with it, the member tickets it resolved that nobody confirmed
 * working. CONFLICT when another incident is open with the same key (they should be merged).
 */
export async function reopenIncident(viewer: Viewer, id: string, input: unknown): Promise<Result<{ reopened: number }>> {
  const parsed = incidentReopenSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  return decide(async (tx) => {
    const incident = await seenIncident(tx, id, parsed.data.version)
    if (incident.status !== 'RESOLVED') throw new Abort('CONFLICT', { message: NOT_RESOLVED })
    if (await tx.incident.findFirst({ where: { key: incident.key, status: 'OPEN' }, select: { id: true } })) {
      throw new Abort('CONFLICT', { message: OTHER_OPEN })
    }
    await recordDecision(
      tx,
      viewer,
      incident,
      { status: 'OPEN', resolvedAt: null, resolvedById: null },
      { type: 'REOPENED', before: { status: 'RESOLVED' }, after: { status: 'OPEN' } },
    )
    const reopened = await changeTicketStatuses(tx, viewer, {
      where: { incidentId: id, confirmation: null, AND: [{ status: 'RESOLVED' }] },
      status: 'IN_PROGRESS',
      publicMessage: () => REOPENED_MESSAGE,
      note: 'Incident rouvert.',
      follow: mailStatusChange,
    })
    return { reopened }
  })
}
