import type { CategoryCode, Classification, SelfHelp } from '@/lib/catalogue/types'
import { statusLabels, type TicketStatus } from '@/lib/tickets/status'
import { describeDiagnosis, type Diagnosis } from './diagnosis'

// What the public side may see of a ticket: never the token hash, the evidence or staff fields.

export interface CreatedReport {
  reference: string
  /** The tracking secret, returned once; only its hash is stored. */
  token: string
  category: CategoryCode
  variant?: string
  confidence: number
  diagnosis: Diagnosis
}

/** The outcome of a stored report: its reference, the token returned once, and the verdict described. */
export function createdReport(reference: string, token: string, verdict: Classification): CreatedReport {
  return {
    reference,
    token,
    category: verdict.category,
    ...(verdict.variant ? { variant: verdict.variant } : {}),
    confidence: verdict.confidence,
    diagnosis: describeDiagnosis(verdict.category, verdict.variant),
  }
}

export interface TrackedReport {
  reference: string
  status: TicketStatus
  statusLabel: string
  diagnosis: Diagnosis
  publicMessage: string | null
  occurredAt: Date
  createdAt: Date
  updatedAt: Date
  closedAt: Date | null
}

export const trackedReportColumns = {
  reference: true,
  trackingTokenHash: true,
  status: true,
  category: true,
  variant: true,
  publicMessage: true,
  occurredAt: true,
  createdAt: true,
  updatedAt: true,
  closedAt: true,
} as const

export interface TrackedReportRow {
  reference: string
  status: string
  category: string
  variant: string | null
  publicMessage: string | null
  occurredAt: Date
  createdAt: Date
  updatedAt: Date
  closedAt: Date | null
}

export function toTrackedReport(row: TrackedReportRow): TrackedReport {
  const status = row.status as TicketStatus
  return {
    reference: row.reference,
    status,
    statusLabel: statusLabels[status] ?? row.status,
    // An agent may re-file the ticket: the current category is the one shown.
    diagnosis: describeDiagnosis(row.category as CategoryCode, row.variant),
    publicMessage: row.publicMessage,
    occurredAt: row.occurredAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
  }
}

/** Self-help is only offered where the person can act (or wait); admin-side causes get none. */
export function publicSelfHelp(diagnosis: Diagnosis): SelfHelp | undefined {
  return diagnosis.userSide ? diagnosis.selfHelp : undefined
}

/** Body of POST /api/reports (201). */
export function toCreatedReportJson(report: CreatedReport, trackingUrl: string) {
  const selfHelp = publicSelfHelp(report.diagnosis)
  return {
    reference: report.reference,
    category: report.category,
    ...(report.variant ? { variant: report.variant } : {}),
    confidence: report.confidence,
    label: report.diagnosis.label,
    trackingUrl,
    ...(selfHelp ? { selfHelp } : {}),
  }
}

/** Body of GET /api/reports/{reference} (200). */
export function toTrackedReportJson(report: TrackedReport) {
  const selfHelp = publicSelfHelp(report.diagnosis)
  return {
    reference: report.reference,
    status: report.status,
    statusLabel: report.statusLabel,
    category: report.diagnosis.category,
    label: report.diagnosis.label,
    createdAt: report.createdAt.toISOString(),
    updatedAt: report.updatedAt.toISOString(),
    publicMessage: report.publicMessage,
    ...(selfHelp ? { selfHelp } : {}),
  }
}

// One definition of the tracking link, shared with the messages (the acknowledgement's link is the
// API's trackingUrl).
export { trackingPath } from '@/lib/mail/links'
