import { categoryCodes } from '@/lib/catalogue/types'
import type { CsvValue } from '@/lib/csv'
import { ageBrackets, ageLabels } from '@/lib/tickets/age'
import { labelForCategory } from '@/lib/tickets/labels'
import { statusLabels } from '@/lib/tickets/status'
import type { Dashboard } from './queries'
import { PARIS_TIME_ZONE } from '@/lib/time/paris'

// The dashboard's tables, defined once: shown under each chart ("Voir les données") and downloaded
// as CSV (lib/stats/csv.ts). Values stay numbers; each view formats them. Pure.

export interface DataTable {
  header: string[]
  rows: CsvValue[][]
}

const bucketFormat = {
  hour: new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' }),
  day: new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' }),
}

/** "lun. 01/09/2026" or "01/09 08:00", Paris time. */
export const bucketLabel = (start: string, bucket: 'hour' | 'day') => bucketFormat[bucket].format(new Date(start))

const share = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10)
const ratio = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100)

export function seriesTable(d: Dashboard): DataTable {
  return {
    header: [d.query.bucket === 'hour' ? 'Heure' : 'Jour', ...categoryCodes.map(labelForCategory), 'Total'],
    rows: d.series.map((s) => {
      const counts = categoryCodes.map((c) => s.counts[c])
      return [bucketLabel(s.start, d.query.bucket), ...counts, counts.reduce((a, b) => a + b, 0)]
    }),
  }
}

export function backlogTable(d: Dashboard): DataTable {
  const statuses = Object.keys(d.backlog.matrix) as (keyof Dashboard['backlog']['matrix'])[]
  return {
    header: ['Statut', ...ageBrackets.map((a) => ageLabels[a]), 'Total'],
    rows: [
      ...statuses.map((s) => [statusLabels[s], ...ageBrackets.map((a) => d.backlog.matrix[s][a]), d.backlog.byStatus[s]]),
      ['Total', ...ageBrackets.map((a) => d.backlog.byAge[a]), statuses.reduce((sum, s) => sum + d.backlog.byStatus[s], 0)],
    ],
  }
}

export function serviceTable(d: Dashboard): DataTable {
  return {
    header: [
      'Catégorie', 'Signalements', 'Résolus (%)', 'Confirmés par la personne (%)', 'Première action, médiane (min)',
      'Première action, 90 % (min)', 'Résolution, médiane (min)', 'Résolution, 90 % (min)', 'Signalements par personne',
    ],
    rows: categoryCodes.map((c) => {
      const s = d.service[c]
      return [
        labelForCategory(c), s.n, share(s.resolvedShare), share(s.confirmedShare), s.firstActionP50Min, s.firstActionP90Min,
        s.resolutionP50Min, s.resolutionP90Min, ratio(s.reportsPerPerson),
      ]
    }),
  }
}

export function selfHelpTable(d: Dashboard): DataTable {
  const h = d.selfHelp
  return {
    header: ['Indicateur', 'Valeur'],
    rows: [
      ['Catégories que la personne peut régler seule', h.categories.map(labelForCategory).join(', ')],
      ['Signalements dans ces catégories', h.n],
      ['Part de tous les signalements (%)', share(h.share)],
      ['Résolus sans intervention avant la clôture', h.resolvedWithoutAction],
    ],
  }
}

export function lastYearTable(d: Dashboard): DataTable {
  return {
    header: ['Catégorie', `Du ${d.query.from} au ${d.query.to}`, d.lastYear ? `Du ${d.lastYear.from} au ${d.lastYear.to}` : 'Année précédente'],
    rows: categoryCodes.map((c) => [labelForCategory(c), d.totals[c], d.lastYear ? d.lastYear.totals[c] : null]),
  }
}

export const tableBuilders = {
  series: seriesTable,
  backlog: backlogTable,
  service: serviceTable,
  'self-help': selfHelpTable,
  'last-year': lastYearTable,
} as const
