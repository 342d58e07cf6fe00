import type { CategoryCode, Evidence, ProfileCode } from '@/lib/catalogue/types'
import type { TicketStatus } from './status'

// What leaves lib/tickets: plain JSON-safe objects (dates as ISO strings), never Prisma rows.

export interface StaffRef {
  id: string
  name: string
}

export interface TicketSummary {
  reference: string
  status: TicketStatus
  category: CategoryCode
  confidence: number
  fullName: string
  profile: ProfileCode
  establishment: string | null
  priority: number
  createdAt: string
  updatedAt: string
  assignee: StaffRef | null
  version: number
}

export interface TicketEventView {
  id: number
  type: string
  actor: StaffRef | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  note: string | null
  createdAt: string
}

export interface TicketDetail extends TicketSummary {
  message: string
  email: string | null
  login: string | null
  entName: string | null
  entLogin: string | null
  url: string | null
  occurredAt: string
  autoCategory: CategoryCode
  variant: string | null
  evidence: Evidence[]
  publicMessage: string | null
  entFailureId: string | null
  /** The incident (shared school-side cause) the ticket belongs to. */
  incidentId: string | null
  closedAt: string | null
  history: TicketEventView[]
}

export interface TicketPage {
  items: TicketSummary[]
  nextCursor: string | null
}

export interface CappedCount {
  count: number
  /** true when there are more than `count` (counting stopped at the cap). */
  capped: boolean
}

export interface TicketFacets {
  total: CappedCount
  byStatus: Record<TicketStatus, CappedCount>
  byCategory: Record<CategoryCode, CappedCount>
}

export function parseJsonObject(text: string | null): Record<string, unknown> | null {
  if (!text) return null
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Evidence items whose offsets are usable; anything malformed is dropped rather than trusted. */
export function parseEvidence(text: string, message: string): Evidence[] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return []
  }
  if (!Array.isArray(value)) return []
  return value.filter(
    (e): e is Evidence =>
      !!e &&
      typeof e === 'object' &&
      Number.isInteger((e as Evidence).start) &&
      Number.isInteger((e as Evidence).end) &&
      (e as Evidence).start >= 0 &&
      (e as Evidence).end > (e as Evidence).start &&
      (e as Evidence).end <= message.length,
  )
}
