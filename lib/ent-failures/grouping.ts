import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import { identityKeyFor } from './normalize'

// Keeps EntFailure records in step with ENT_IDENTITY_MISMATCH tickets. Runs inside the caller's
// transaction (report creation, category change) so a ticket and its failure record never disagree.

export const ENT_CATEGORY = 'ENT_IDENTITY_MISMATCH'

export interface AttachableTicket {
  id: number
  category: string
  fullName: string
  profile: string
  establishment: string | null
  entName: string | null
  entLogin: string | null
  createdAt: Date
  entFailureId: string | null
}

const attachableColumns = {
  id: true,
  category: true,
  fullName: true,
  profile: true,
  establishment: true,
  entName: true,
  entLogin: true,
  createdAt: true,
  entFailureId: true,
} as const

type Tx = Prisma.TransactionClient

async function detach(tx: Tx, ticket: AttachableTicket, note: string): Promise<void> {
  if (!ticket.entFailureId) return
  const failure = await tx.entFailure.findUnique({ where: { id: ticket.entFailureId }, select: { reportCount: true } })
  await tx.ticket.update({ where: { id: ticket.id }, data: { entFailureId: null } })
  if (!failure) return
  // The record stays (its history matters) even when no ticket is left on it.
  await tx.entFailure.update({
    where: { id: ticket.entFailureId },
    data: { reportCount: Math.max(0, failure.reportCount - 1), version: { increment: 1 } },
  })
  await tx.entFailureEvent.create({
    data: { entFailureId: ticket.entFailureId, type: 'REPORT_REMOVED', before: JSON.stringify({ ticketId: ticket.id }), note },
  })
}

/**
 * Attaches an ENT_IDENTITY_MISMATCH ticket to the record of its ENT identity (created when new),
 * or detaches a ticket that is no longer in that category. Idempotent. A new report on a LINKED or
 * REJECTED record reopens it: the person is evidently still blocked.
 * Returns the id of the record the ticket ends up on (null when none).
 */
export async function attachTicketToEntFailure(tx: Tx, ticket: AttachableTicket): Promise<string | null> {
  if (ticket.category !== ENT_CATEGORY) {
    await detach(tx, ticket, 'Catégorie du signalement modifiée : il ne concerne plus une identité ENT.')
    return null
  }
  const { identityKey, weakKey } = identityKeyFor(ticket)
  const existing = await tx.entFailure.findUnique({ where: { identityKey } })
  if (existing && existing.id === ticket.entFailureId) return existing.id
  if (ticket.entFailureId) await detach(tx, ticket, 'Signalement rattaché à une autre identité ENT.')

  const reportedAt = ticket.createdAt
  if (!existing) {
    const created = await tx.entFailure.create({
      data: {
        identityKey,
        weakKey,
        entName: ticket.entName?.trim() || null,
        entLogin: ticket.entLogin?.trim() || null,
        fullName: ticket.fullName.trim(),
        profile: ticket.profile,
        establishment: ticket.establishment?.trim() || null,
        reportCount: 1,
        firstReportedAt: reportedAt,
        lastReportedAt: reportedAt,
        events: { create: { type: 'CREATED', after: JSON.stringify({ ticketId: ticket.id, status: 'OPEN' }) } },
      },
    })
    await tx.ticket.update({ where: { id: ticket.id }, data: { entFailureId: created.id } })
    return created.id
  }

  const reopen = existing.status !== 'OPEN'
  await tx.entFailure.update({
    where: { id: existing.id },
    data: {
      reportCount: existing.reportCount + 1,
      firstReportedAt: reportedAt < existing.firstReportedAt ? reportedAt : existing.firstReportedAt,
      lastReportedAt: reportedAt > existing.lastReportedAt ? reportedAt : existing.lastReportedAt,
      // Keep what the ENT side said first; only fill what was missing.
      entName: existing.entName ?? (ticket.entName?.trim() || null),
      establishment: existing.establishment ?? (ticket.establishment?.trim() || null),
      version: { increment: 1 },
      ...(reopen ? { status: 'OPEN', linkedLogin: null, decidedById: null, decidedAt: null, rejectReason: null } : {}),
    },
  })
  await tx.entFailureEvent.create({
    data: { entFailureId: existing.id, type: 'REPORT_ADDED', after: JSON.stringify({ ticketId: ticket.id }) },
  })
  if (reopen) {
    await tx.entFailureEvent.create({
      data: {
        entFailureId: existing.id,
        type: 'REOPENED',
        before: JSON.stringify({ status: existing.status, linkedLogin: existing.linkedLogin, rejectReason: existing.rejectReason }),
        after: JSON.stringify({ status: 'OPEN' }),
        note: 'Nouveau signalement après décision : la personne est toujours bloquée.',
      },
    })
  }
  await tx.ticket.update({ where: { id: ticket.id }, data: { entFailureId: existing.id } })
  return existing.id
}

/** Loads the ticket and brings its ENT failure attachment up to date (see attachTicketToEntFailure). */
export async function syncEntFailureForTicket(tx: Tx, ticketId: number): Promise<string | null> {
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: attachableColumns })
  if (!ticket) return null
  return attachTicketToEntFailure(tx, ticket)
}
