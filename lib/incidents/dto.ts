import { labelFor } from '@/lib/catalogue/entries'
import { profileLabels, type CategoryCode, type ProfileCode } from '@/lib/catalogue/types'
import { espaceLabels, type EspaceCode } from '@/lib/settings/schemas'

// What staff and the public see of an incident. Pure.

export interface IncidentRow {
  id: string
  key: string
  category: string
  variant: string | null
  status: string
  published: boolean
  publicMessage: string | null
  publishedAt: Date | null
  resolvedAt: Date | null
  resolutionMessage: string | null
  previousIncidentId: string | null
  previousResolvedAt: Date | null
  firstReportAt: Date
  lastReportAt: Date
  confirmedCount: number
  stillBlockedCount: number
  version: number
}

export const incidentColumns = {
  id: true,
  key: true,
  category: true,
  variant: true,
  status: true,
  published: true,
  publicMessage: true,
  publishedAt: true,
  resolvedAt: true,
  resolutionMessage: true,
  previousIncidentId: true,
  previousResolvedAt: true,
  firstReportAt: true,
  lastReportAt: true,
  confirmedCount: true,
  stillBlockedCount: true,
  version: true,
} as const

export interface TicketCounts {
  ticketCount: number
  openTicketCount: number
}

/** "Serveur PRONOTE.net non publié", "… — Espace Parents", "… — pronote.exemple.fr". */
export function incidentLabel(category: string, variant: string | null): string {
  const base = labelFor(category as CategoryCode)
  if (!variant) return base
  return `${base} — ${espaceLabels[variant as EspaceCode] ?? variant}`
}

export function profileLabel(code: string): string {
  return profileLabels[code as ProfileCode] ?? code
}

/** An item of GET /api/admin/incidents. */
export function toIncidentSummary(row: IncidentRow, counts: TicketCounts | undefined) {
  return {
    id: row.id,
    key: row.key,
    category: row.category,
    variant: row.variant,
    label: incidentLabel(row.category, row.variant),
    status: row.status,
    ticketCount: counts?.ticketCount ?? 0,
    openTicketCount: counts?.openTicketCount ?? 0,
    confirmedCount: row.confirmedCount,
    stillBlockedCount: row.stillBlockedCount,
    firstReportAt: row.firstReportAt.toISOString(),
    lastReportAt: row.lastReportAt.toISOString(),
    published: row.published,
    publicMessage: row.publicMessage,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolutionMessage: row.resolutionMessage,
    previousIncidentId: row.previousIncidentId,
    previousResolvedAt: row.previousResolvedAt?.toISOString() ?? null,
    version: row.version,
  }
}
export type IncidentSummary = ReturnType<typeof toIncidentSummary>

/** An item of the public GET /api/incidents: no personal data, no count. */
export function toPublicIncident(row: Pick<IncidentRow, 'id' | 'category' | 'variant' | 'firstReportAt' | 'publicMessage'>) {
  return {
    id: row.id,
    category: row.category,
    label: incidentLabel(row.category, row.variant),
    since: row.firstReportAt.toISOString(),
    message: row.publicMessage ?? '',
  }
}
export type PublicIncident = ReturnType<typeof toPublicIncident>
