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
  /** The incident the report joined (a shared school-side cause), if any. */
  incident?: ReportIncident
}

/** What the person may know of the incident their report joined: no one else's data. */
export interface ReportIncident {
  id: string
  since: Date
  /** The published notice, or null while none is published. */
  message: string | null
}

/** The outcome of a stored report: its reference, the token returned once, and the verdict described. */
export function createdReport(reference: string, token: string, verdict: Classification, incident?: ReportIncident | null): CreatedReport {
  return {
    reference,
    token,
    category: verdict.category,
    ...(verdict.variant ? { variant: verdict.variant } : {}),
    confidence: verdict.confidence,
    diagnosis: describeDiagnosis(verdict.category, verdict.variant),
    ...(incident ? { incident: { id: incident.id, since: incident.since, message: incident.message } } : {}),
  }
}

export function toReportIncidentJson(incident: ReportIncident) {
  return { id: incident.id, since: incident.since.toISOString(), message: incident.message }
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
  /** The open incident the report belongs to: "inutile de signaler à nouveau", with its notice. */
  incident: ReportIncident | null
  /** The person's answer after a resolution: WORKS, STILL_BLOCKED, or null (not asked or not answered). */
  confirmation: 'WORKS' | 'STILL_BLOCKED' | null
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
  confirmation: true,
  incident: { select: { id: true, status: true, firstReportAt: true, published: true, publicMessage: true } },
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
  confirmation: string | null
  incident: { id: string; status: string; firstReportAt: Date; published: boolean; publicMessage: string | null } | null
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
    // Only while the incident is open: once resolved, the ticket's own message says the outcome.
    incident:
      row.incident?.status === 'OPEN'
        ? { id: row.incident.id, since: row.incident.firstReportAt, message: row.incident.published ? row.incident.publicMessage : null }
        : null,
    confirmation: row.confirmation === 'WORKS' || row.confirmation === 'STILL_BLOCKED' ? row.confirmation : null,
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
    ...(report.incident ? { incident: toReportIncidentJson(report.incident) } : {}),
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
    incident: report.incident ? toReportIncidentJson(report.incident) : null,
    confirmation: report.confirmation,
  }
}

// One definition of the tracking link, shared with the messages (the acknowledgement's link is the
// API's trackingUrl).
export { trackingPath } from '@/lib/mail/links'
