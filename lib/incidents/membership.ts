import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { prismaSql } from '@/lib/db-write'
import { fail, type Result } from '@/lib/result'
import { setTicketsIncident } from '@/lib/tickets/incident'
import { Abort, decide, invalid, recordDecision, seenIncident } from './mutations'
import { incidentDetachSchema, incidentMergeSchema } from './schemas'

// Staff corrections of who belongs to an incident: take one ticket out, or merge two incidents
// (the same cause seen under two keys, e.g. two spellings of a wrong host).

/** Takes one ticket out of the incident; it goes on as an individual ticket. */
export async function detachTicket(viewer: Viewer, id: string, input: unknown): Promise<Result<{ version: number }>> {
  const parsed = incidentDetachSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const { version, reference } = parsed.data
  return decide(async (tx) => {
    const incident = await seenIncident(tx, id, version)
    const ticket = await tx.ticket.findUnique({ where: { reference }, select: { id: true, incidentId: true } })
    if (!ticket || ticket.incidentId !== id) {
      throw new Abort('VALIDATION', { fieldErrors: { reference: ['Ce signalement ne fait pas partie de cet incident.'] } })
    }
    await setTicketsIncident(prismaSql(tx), {
      ticketIds: [ticket.id],
      incidentId: null,
      actorId: viewer.id,
      note: 'Détaché de l’incident : traité individuellement.',
      newVersion: true,
    })
    await recordDecision(tx, viewer, incident, {}, { type: 'TICKET_DETACHED', before: { reference } })
    return { version: incident.version + 1 }
  })
}

/**
 * Moves every ticket of incident `from` into this one (which must be open) and marks `from`
 * MERGED; its history stays. Both versions must be the ones the agent saw.
 */
export async function mergeIncidents(viewer: Viewer, id: string, input: unknown): Promise<Result<{ moved: number; version: number }>> {
  const parsed = incidentMergeSchema.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const { version, from, fromVersion } = parsed.data
  if (from === id) return fail('VALIDATION', { fieldErrors: { from: ['Choisissez un autre incident.'] } })
  return decide(async (tx) => {
    const into = await seenIncident(tx, id, version)
    const source = await seenIncident(tx, from, fromVersion)
    if (into.status !== 'OPEN') throw new Abort('CONFLICT', { message: 'Fusionnez dans un incident ouvert.' })
    if (source.status === 'MERGED') throw new Abort('CONFLICT', { message: 'Cet incident a déjà été fusionné.' })
    const tickets = await tx.ticket.findMany({ where: { incidentId: from }, select: { id: true }, orderBy: { id: 'asc' } })
    const moved = await setTicketsIncident(prismaSql(tx), {
      ticketIds: tickets.map((t) => t.id),
      incidentId: id,
      actorId: viewer.id,
      note: 'Incidents fusionnés.',
      newVersion: true,
    })
    await recordDecision(tx, viewer, source, { status: 'MERGED' }, { type: 'MERGED_INTO', after: { incidentId: id, moved } })
    await recordDecision(
      tx,
      viewer,
      into,
      {
        firstReportAt: source.firstReportAt < into.firstReportAt ? source.firstReportAt : into.firstReportAt,
        lastReportAt: source.lastReportAt > into.lastReportAt ? source.lastReportAt : into.lastReportAt,
        confirmedCount: { increment: source.confirmedCount },
        stillBlockedCount: { increment: source.stillBlockedCount },
      },
      { type: 'MERGED_FROM', before: { incidentId: from, key: source.key }, after: { moved } },
    )
    return { moved, version: into.version + 1 }
  })
}
