import 'server-only'
import { hasRole } from '@/lib/auth/policy'
import type { Viewer } from '@/lib/auth/viewer'
import { categoryCodes, type CategoryCode } from '@/lib/catalogue/types'
import { readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { fail, invalidInput, ok, type Result } from '@/lib/result'
import { indexedBy } from '@/lib/sql-dialect'
import { ageBrackets, ageRange, type AgeBracket } from '@/lib/tickets/age'
import { endOfParisDay, startOfParisDay } from '@/lib/tickets/dates'
import { closedStatuses, ticketStatuses } from '@/lib/tickets/status'
import { lastYear as sameDaysLastYear, statsQuerySchema, type StatsQuery } from './schemas'
import { serviceFigures, type SelfHelpFigures, type ServiceFigures } from './service'

// The dashboard's figures (issue 16). Reports over time and the service figures come from
// TicketHourCount, kept by the ticket's write path (lib/tickets/hour-counts.ts): a period is read
// from its rows, never by counting tickets. The backlog is one range of the (status, createdAt) index.

export const openStatuses = ticketStatuses.filter((s) => !closedStatuses.includes(s))
export type OpenStatus = (typeof openStatuses)[number]

type Counts = Record<CategoryCode, number>
const zeroCounts = (): Counts => Object.fromEntries(categoryCodes.map((c) => [c, 0])) as Counts

export interface Backlog {
  byStatus: Record<OpenStatus, number>
  byAge: Record<AgeBracket, number>
  /** Each status split by age: the dashboard's table, every cell a link to the queue. */
  matrix: Record<OpenStatus, Record<AgeBracket, number>>
}

/** GET /api/admin/stats, as published. */
export interface Stats {
  from: string
  to: string
  bucket: 'hour' | 'day'
  series: { start: string; counts: Counts }[]
  totals: Counts
  backlog: { byStatus: Record<OpenStatus, number>; byAge: Record<AgeBracket, number> }
  service: Record<CategoryCode, Omit<ServiceFigures, 'reportsPerPerson' | 'confirmedShare'>>
}

/** An incident still open during the period, marked on the time axis. */
export interface OpenIncidentMark {
  id: string
  category: string
  openedAt: string
}

/** Everything the dashboard shows for a period. */
export interface Dashboard {
  query: StatsQuery
  incidents: OpenIncidentMark[]
  series: Stats['series']
  totals: Counts
  lastYear: { from: string; to: string; totals: Counts } | null
  backlog: Backlog
  service: Record<CategoryCode, ServiceFigures>
  selfHelp: SelfHelpFigures
}

/** Reports per bucket and category between two instants (bucket starts: Paris hours or days). */
async function reportSeries(query: StatsQuery): Promise<{ series: Stats['series']; totals: Counts }> {
  const since = startOfParisDay(query.from)
  const until = endOfParisDay(query.to)
  const starts: Date[] = []
  if (query.bucket === 'hour') for (let t = since.getTime(); t < until.getTime(); t += 3_600_000) starts.push(new Date(t))
  else for (let d = query.from; d <= query.to; d = nextDay(d)) starts.push(startOfParisDay(d))
  const series = starts.map((start) => ({ start: start.toISOString(), counts: zeroCounts() }))
  const totals = zeroCounts()
  const rows = await readRows<{ bucket: string; category: string; count: number }>(Prisma.sql`
    SELECT "bucket", "category", "count" FROM "TicketHourCount"
    WHERE "bucket" >= ${since} AND "bucket" < ${until} AND "measure" = 'REPORTS' ORDER BY "bucket"`)
  let i = 0
  for (const row of rows) {
    const at = Date.parse(row.bucket)
    while (i + 1 < starts.length && starts[i + 1]!.getTime() <= at) i++
    if (!(row.category in totals)) continue
    series[i]!.counts[row.category as CategoryCode] += Number(row.count)
    totals[row.category as CategoryCode] += Number(row.count)
  }
  return { series, totals }
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
}

/** Open tickets now, by status and by age bracket. */
export async function getBacklog(now = new Date()): Promise<Backlog> {
  const bounds = ageBrackets.map((b) => ageRange(b, now))
  const cells = bounds.map(({ since, until }, i) => {
    const conditions = [since ? Prisma.sql`"createdAt" >= ${since}` : null, until ? Prisma.sql`"createdAt" < ${until}` : null].filter((c) => c !== null)
    // CASE, not SUM(condition): PostgreSQL does not add booleans.
    return Prisma.sql`SUM(CASE WHEN ${Prisma.join(conditions, ' AND ')} THEN 1 ELSE 0 END) AS ${Prisma.raw(`"a${i}"`)}`
  })
  const rows = await readRows<Record<string, number | null> & { status: string }>(Prisma.sql`
    SELECT "status", ${Prisma.join(cells)} FROM "Ticket" ${indexedBy('Ticket_status_createdAt_idx')}
    WHERE "status" IN (${Prisma.join(openStatuses)}) GROUP BY "status"`)
  const matrix = Object.fromEntries(
    openStatuses.map((s) => {
      const row = rows.find((r) => r.status === s)
      return [s, Object.fromEntries(ageBrackets.map((b, i) => [b, Number(row?.[`a${i}`] ?? 0)]))]
    }),
  ) as Backlog['matrix']
  const byStatus = Object.fromEntries(openStatuses.map((s) => [s, ageBrackets.reduce((sum, b) => sum + matrix[s][b], 0)])) as Backlog['byStatus']
  const byAge = Object.fromEntries(ageBrackets.map((b) => [b, openStatuses.reduce((sum, s) => sum + matrix[s][b], 0)])) as Backlog['byAge']
  return { byStatus, byAge, matrix }
}

/** Incidents open now that were opened before the end of the period (the (status, firstReportAt) index). */
async function openIncidents(until: Date): Promise<OpenIncidentMark[]> {
  const rows = await readRows<{ id: string; category: string; firstReportAt: string }>(Prisma.sql`
    SELECT "id", "category", "firstReportAt" FROM "Incident"
    WHERE "status" = 'OPEN' AND "firstReportAt" < ${until} ORDER BY "firstReportAt" LIMIT 50`)
  return rows.map((r) => ({ id: r.id, category: r.category, openedAt: new Date(r.firstReportAt).toISOString() }))
}

/** The dashboard of a parsed period. */
export async function getDashboard(viewer: Viewer, query: StatsQuery): Promise<Result<Dashboard>> {
  if (!hasRole(viewer, 'AGENT')) return fail('FORBIDDEN')
  const { series, totals } = await reportSeries(query)
  const backlog = await getBacklog()
  const { service, selfHelp } = await serviceFigures(query, totals, startOfParisDay(query.from), endOfParisDay(query.to))
  const lastYearRange = sameDaysLastYear(query)
  const before = await reportSeries({ ...lastYearRange, bucket: 'day' })
  const lastYear = Object.values(before.totals).some((n) => n > 0) ? { ...lastYearRange, totals: before.totals } : null
  const incidents = await openIncidents(endOfParisDay(query.to))
  return ok({ query, incidents, series, totals, lastYear, backlog, service, selfHelp })
}

/** GET /api/admin/stats: `input` is the untrusted query ({ from, to, bucket }). */
export async function getStats(viewer: Viewer, input: unknown): Promise<Result<Stats>> {
  const parsed = statsQuerySchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const dashboard = await getDashboard(viewer, parsed.data)
  if (!dashboard.ok) return dashboard
  const { query, series, totals, backlog, service } = dashboard.value
  return ok({
    ...query,
    series,
    totals,
    backlog: { byStatus: backlog.byStatus, byAge: backlog.byAge },
    service: Object.fromEntries(
      categoryCodes.map((c) => {
        const { n, resolvedShare, firstActionP50Min, firstActionP90Min, resolutionP50Min, resolutionP90Min } = service[c]
        return [c, { n, resolvedShare, firstActionP50Min, firstActionP90Min, resolutionP50Min, resolutionP90Min }]
      }),
    ) as Stats['service'],
  })
}

