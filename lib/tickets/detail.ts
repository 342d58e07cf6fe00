import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import type { CategoryCode, ProfileCode } from '@/lib/catalogue/types'
import { db } from '@/lib/db'
import type { Prisma } from '@/lib/generated/prisma/client'
import { fail, ok, type Result } from '@/lib/result'
import { parseEvidence, parseJsonObject, type StaffRef, type TicketDetail } from './dto'
import type { TicketStatus } from './status'

// One ticket as the workspace shows it, and the staff it can be assigned to.

export const ticketDetailSelect = {
  id: true,
  reference: true,
  status: true,
  category: true,
  autoCategory: true,
  variant: true,
  confidence: true,
  evidence: true,
  message: true,
  fullName: true,
  profile: true,
  email: true,
  establishment: true,
  login: true,
  entName: true,
  entLogin: true,
  url: true,
  occurredAt: true,
  priority: true,
  publicMessage: true,
  version: true,
  entFailureId: true,
  incidentId: true,
  createdAt: true,
  updatedAt: true,
  closedAt: true,
  assignee: { select: { id: true, name: true } },
  events: {
    orderBy: { id: 'asc' },
    select: {
      id: true,
      type: true,
      before: true,
      after: true,
      note: true,
      createdAt: true,
      actor: { select: { id: true, name: true } },
    },
  },
} satisfies Prisma.TicketSelect

type DetailRow = Prisma.TicketGetPayload<{ select: typeof ticketDetailSelect }>

export function toTicketDetail(row: DetailRow): TicketDetail {
  return {
    reference: row.reference,
    status: row.status as TicketStatus,
    category: row.category as CategoryCode,
    autoCategory: row.autoCategory as CategoryCode,
    variant: row.variant,
    confidence: row.confidence,
    evidence: parseEvidence(row.evidence, row.message),
    message: row.message,
    fullName: row.fullName,
    profile: row.profile as ProfileCode,
    email: row.email,
    establishment: row.establishment,
    login: row.login,
    entName: row.entName,
    entLogin: row.entLogin,
    url: row.url,
    occurredAt: row.occurredAt.toISOString(),
    priority: row.priority,
    publicMessage: row.publicMessage,
    version: row.version,
    entFailureId: row.entFailureId,
    incidentId: row.incidentId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    assignee: row.assignee,
    history: row.events.map((e) => ({
      id: e.id,
      type: e.type,
      actor: e.actor,
      before: parseJsonObject(e.before),
      after: parseJsonObject(e.after),
      note: e.note,
      createdAt: e.createdAt.toISOString(),
    })),
  }
}

export async function getTicketDetail(viewer: Viewer, reference: string): Promise<Result<TicketDetail>> {
  void viewer // every staff role may read every ticket; kept for the uniform lib signature
  const row = await db.ticket.findUnique({ where: { reference }, select: ticketDetailSelect })
  return row ? ok(toTicketDetail(row)) : fail('NOT_FOUND')
}

/** Active staff accounts a ticket can be assigned to. */
export async function listAssignableStaff(viewer: Viewer): Promise<StaffRef[]> {
  void viewer
  return db.staffUser.findMany({
    where: { disabledAt: null },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  })
}
