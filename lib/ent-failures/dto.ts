import type { Candidate } from './matching'
import type { EntFailureStatus } from './schemas'

// What the screen and the API receive. Dates are ISO strings so client components can take them.

export interface EntFailureSummary {
  id: string
  entName: string | null
  entLogin: string | null
  fullName: string
  profile: string
  establishment: string | null
  status: EntFailureStatus
  weakKey: boolean
  reportCount: number
  /** Reports from someone other than the first reporter: a possible impersonation. */
  otherReportCount: number
  firstReportedAt: string
  lastReportedAt: string
  linkedLogin: string | null
  decidedAt: string | null
  rejectReason: string | null
  version: number
}

export interface EntFailureListItem extends EntFailureSummary {
  candidates: Candidate[]
}

export interface EntFailureEventView {
  id: number
  type: string
  note: string | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  actorName: string | null
  createdAt: string
}

export interface EntFailureTicketView {
  reference: string
  status: string
  message: string
  createdAt: string
  /** Filed by someone other than the record's first reporter (name or e-mail differ). */
  otherReporter: boolean
}

export interface EntFailureDetail extends EntFailureListItem {
  decidedByName: string | null
  tickets: EntFailureTicketView[]
  events: EntFailureEventView[]
  /** Who will read a decision message: the open reports of the first reporter (one person). */
  recipients: { people: number; reports: number }
}

export interface EntFailureStats {
  open: number
  linked: number
  rejected: number
  closed: number
  medianLinkMs: number | null
  p90LinkMs: number | null
  oldestOpen: { id: string; fullName: string; firstReportedAt: string } | null
}

export const entFailureColumns = {
  id: true,
  entName: true,
  entLogin: true,
  fullName: true,
  profile: true,
  establishment: true,
  status: true,
  weakKey: true,
  reportCount: true,
  otherReportCount: true,
  firstReportedAt: true,
  lastReportedAt: true,
  linkedLogin: true,
  decidedAt: true,
  rejectReason: true,
  version: true,
} as const

/** A stored record as read: the summary's fields, with dates as dates and the status as stored. */
type EntFailureRow = Omit<EntFailureSummary, 'status' | 'firstReportedAt' | 'lastReportedAt' | 'decidedAt'> & {
  status: string
  firstReportedAt: Date
  lastReportedAt: Date
  decidedAt: Date | null
}

export function toEntFailureSummary(row: EntFailureRow): EntFailureSummary {
  // Only the summary's own keys: callers pass wider rows (tickets, reporter key) that must not travel.
  return {
    id: row.id,
    entName: row.entName,
    entLogin: row.entLogin,
    fullName: row.fullName,
    profile: row.profile,
    establishment: row.establishment,
    weakKey: row.weakKey,
    reportCount: row.reportCount,
    otherReportCount: row.otherReportCount,
    linkedLogin: row.linkedLogin,
    rejectReason: row.rejectReason,
    version: row.version,
    status: row.status as EntFailureStatus,
    firstReportedAt: row.firstReportedAt.toISOString(),
    lastReportedAt: row.lastReportedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  }
}

/** The API's item shape (exactly the documented keys). */
export function toApiItem(item: EntFailureListItem) {
  return {
    id: item.id,
    entName: item.entName,
    entLogin: item.entLogin,
    fullName: item.fullName,
    profile: item.profile,
    establishment: item.establishment,
    status: item.status,
    reportCount: item.reportCount,
    firstReportedAt: item.firstReportedAt,
    candidates: item.candidates.map((c) => ({ login: c.login, fullName: c.fullName, profile: c.profile, score: c.score, reasons: c.reasons })),
  }
}
