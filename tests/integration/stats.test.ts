import { describe, expect, it } from 'vitest'
import { GET as statsGET } from '@/app/api/admin/stats/route'
import { GET as statsExportGET } from '@/app/api/admin/stats/export/route'
import { db } from '@/lib/db'
import { prismaSql } from '@/lib/db-write'
import { confirmReport } from '@/lib/reports/confirmation'
import { createReport } from '@/lib/reports/mutations'
import type { Stats } from '@/lib/stats/queries'
import { getDashboard } from '@/lib/stats/queries'
import { binOf } from '@/lib/tickets/hour-count-sql'
import { findHourCountDrift, rebuildHourCounts } from '@/lib/tickets/hour-counts'
import { patchTicket } from '@/tests/support/admin-api'
import { createStaff, createTicketRow } from '@/tests/support/factories'
import { sessionCookie } from '@/tests/support/session'
import { parse } from 'csv-parse/sync'

// The dashboard's figures equal a direct count of the tickets (issue 16), across the daylight-saving
// changes and Paris midnight, and the per-hour count table is kept by the ticket's write path.

const drift = () => db.$transaction((tx) => findHourCountDrift(prismaSql(tx)))
const rebuild = () => db.$transaction((tx) => rebuildHourCounts(prismaSql(tx)))

/** The Paris calendar day of an instant, computed independently of lib/time (Intl, en-CA = YYYY-MM-DD). */
const parisDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(at)

async function getStatsAs(role: 'AGENT' | 'ADMIN', search: string): Promise<Response> {
  const cookie = await sessionCookie(await createStaff({ role }))
  return statsGET(new Request(`http://localhost/api/admin/stats?${search}`, { headers: { cookie } }))
}

/** Instants around Paris midnights and both daylight-saving changes of 2026 (UTC). */
const instants = [
  '2026-03-28T22:59:59.000Z', // Sat 28 March 23:59:59 (CET)
  '2026-03-28T23:00:00.000Z', // Sun 29 March 00:00 (CET): the spring-forward day has 23 hours
  '2026-03-29T00:59:00.000Z', // 01:59 CET, just before the change
  '2026-03-29T01:00:00.000Z', // 03:00 CEST, just after
  '2026-03-29T21:59:59.000Z', // Sun 29 March 23:59:59 (CEST)
  '2026-03-29T22:00:00.000Z', // Mon 30 March 00:00 (CEST)
  '2026-10-24T21:59:59.000Z', // Sat 24 October 23:59:59 (CEST)
  '2026-10-24T22:00:00.000Z', // Sun 25 October 00:00: the fall-back day has 25 hours
  '2026-10-25T00:30:00.000Z', // 02:30 CEST
  '2026-10-25T01:30:00.000Z', // 02:30 CET, the same wall-clock time an hour later
  '2026-10-25T22:59:59.000Z', // Sun 25 October 23:59:59 (CET)
  '2026-10-25T23:00:00.000Z', // Mon 26 October 00:00 (CET)
]

describe('reports per hour, kept by the write path', () => {
  it('follows new reports and category changes in the same transaction', async () => {
    const agent = await createStaff()
    const references: string[] = []
    const tokens: string[] = []
    for (const message of ['Votre identifiant ou votre mot de passe est incorrect', 'HTTP Error 503. The service is unavailable.', 'Le site n’est pas disponible']) {
      const created = await createReport({ message, fullName: 'Rémi Compte' })
      expect(created.ok).toBe(true)
      if (created.ok) {
        references.push(created.value.reference)
        tokens.push(created.value.token)
      }
    }
    expect(await drift()).toEqual([])
    const res = await patchTicket(agent, references[0]!, { version: 1, category: 'WRONG_ADDRESS' })
    expect(res.status).toBe(200)
    expect(await drift()).toEqual([])
    const rows = await db.ticketHourCount.findMany({ where: { category: 'WRONG_ADDRESS', measure: 'REPORTS' } })
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(await db.ticket.count({ where: { category: 'WRONG_ADDRESS' } }))
    const changed = await db.ticket.findUniqueOrThrow({ where: { reference: references[0]! } })
    expect(changed.firstActionAt).not.toBeNull()
    // Resolved at its first action, reopened, resolved again after a note: the durations follow.
    for (const [version, body] of [[1, { status: 'RESOLVED' }], [2, { status: 'IN_PROGRESS' }], [3, { note: 'Vu.' }], [4, { status: 'RESOLVED', category: 'UNKNOWN' }]] as const) {
      expect((await patchTicket(agent, references[1]!, { version, ...body })).status).toBe(200)
      expect(await drift()).toEqual([])
    }
    expect(await db.ticketHourCount.count({ where: { measure: 'RESOLUTION' } })).toBeGreaterThan(0)
    // The person's answers: "ça marche" counts as confirmed; "toujours bloqué" reopens the ticket.
    expect(await confirmReport(references[1]!, tokens[1]!, { works: true })).toMatchObject({ ok: true })
    expect(await drift()).toEqual([])
    expect((await patchTicket(agent, references[2]!, { version: 1, status: 'RESOLVED' })).status).toBe(200)
    expect(await confirmReport(references[2]!, tokens[2]!, { works: false, comment: 'Toujours pareil.' })).toMatchObject({ ok: true })
    expect(await drift()).toEqual([])
    const confirmed = await db.ticketHourCount.findMany({ where: { measure: 'CONFIRMED' } })
    expect(confirmed.reduce((sum, r) => sum + r.count, 0)).toBe(await db.ticket.count({ where: { confirmation: 'WORKS' } }))
    const viewer = await createStaff()
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date())
    const d = await getDashboard(viewer, { from: today, to: today, bucket: 'hour' })
    expect(d.ok && d.value.service.UNKNOWN.confirmedShare).toBeGreaterThan(0)
  })

  it('reports a drift after a manual edit, and the repair rebuilds it', async () => {
    await createTicketRow({ createdAt: new Date('2026-01-15T10:20:00Z') }) // written outside the write path
    expect((await drift()).length).toBeGreaterThan(0)
    await rebuild()
    expect(await drift()).toEqual([])
  })
})

describe('GET /api/admin/stats', () => {
  it('equals a direct count per Paris day and hour across daylight-saving changes and midnight', async () => {
    for (const at of instants) await createTicketRow({ createdAt: new Date(at), category: 'SITE_UNAVAILABLE' })
    await rebuild()
    for (const [from, to] of [['2026-03-27', '2026-03-31'], ['2026-10-23', '2026-10-27']] as const) {
      const res = await getStatsAs('AGENT', `from=${from}&to=${to}&bucket=day`)
      expect(res.status).toBe(200)
      const stats = (await res.json()) as Stats
      const tickets = await db.ticket.findMany({ where: { createdAt: { gte: new Date(`${from}T00:00:00Z`), lt: new Date(`${to}T23:59:59Z`) } }, select: { createdAt: true } })
      const expected = new Map<string, number>()
      for (const t of tickets) expected.set(parisDay(t.createdAt), (expected.get(parisDay(t.createdAt)) ?? 0) + 1)
      expect(stats.series.map((s) => [parisDay(new Date(s.start)), s.counts.SITE_UNAVAILABLE])).toEqual(
        stats.series.map((s) => [parisDay(new Date(s.start)), expected.get(parisDay(new Date(s.start))) ?? 0]),
      )
      expect(stats.series.map((s) => parisDay(new Date(s.start)))).toEqual([0, 1, 2, 3, 4].map((i) => new Date(Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8) + i)).toISOString().slice(0, 10)))
      expect(stats.totals.SITE_UNAVAILABLE).toBe([...expected.values()].reduce((a, b) => a + b, 0))
    }
    const spring = (await (await getStatsAs('ADMIN', 'from=2026-03-29&to=2026-03-29&bucket=hour')).json()) as Stats
    expect(spring.series).toHaveLength(23)
    expect(spring.series.reduce((sum, s) => sum + s.counts.SITE_UNAVAILABLE, 0)).toBe(4)
    const autumn = (await (await getStatsAs('AGENT', 'from=2026-10-25&to=2026-10-25&bucket=hour')).json()) as Stats
    expect(autumn.series).toHaveLength(25)
    // The two reports at 02:30 (summer time, then winter time) fall in two different hours.
    expect(autumn.series.filter((s) => s.counts.SITE_UNAVAILABLE > 0).map((s) => s.start)).toEqual([
      '2026-10-24T22:00:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T22:00:00.000Z',
    ])
  })

  it('refuses a bad range with a French message', async () => {
    for (const [search, field] of [
      ['from=2026-01-01&to=2027-01-02', 'to'], // 367 days
      ['from=2026-03-01&to=2026-03-15&bucket=hour', 'bucket'], // 15 days by hour
      ['from=2026-03-10&to=2026-03-01', 'to'],
      ['from=2026-02-30&to=2026-03-01', 'from'],
      ['from=hier&to=2026-03-01', 'from'],
      ['from=2026-03-01&to=2026-03-02&bucket=week', 'bucket'],
    ] as const) {
      const res = await getStatsAs('AGENT', search)
      expect(res.status, search).toBe(400)
      const body = (await res.json()) as { issues: { path: string[]; message: string }[] }
      expect(body.issues[0]!.path).toEqual([field])
      expect(body.issues[0]!.message).toMatch(/[àéèêûôç]|jour|date|période|Regroupement/i)
    }
    expect((await getStatsAs('AGENT', 'from=2026-01-01&to=2027-01-01')).status).toBe(200) // 366 days
    expect((await getStatsAs('AGENT', 'from=2026-03-01&to=2026-03-14&bucket=hour')).status).toBe(200)
  })

  it('counts the backlog by status and age like the queue does, and the service figures of the period', async () => {
    const now = Date.now()
    const ago = (hours: number) => new Date(now - hours * 3_600_000)
    const opened = [ago(0.5), ago(5), ago(30), ago(100)]
    for (const at of opened) await createTicketRow({ createdAt: at, status: 'IN_PROGRESS' })
    await createTicketRow({ createdAt: ago(2), status: 'RESOLVED', closedAt: new Date() })
    const stats = (await (await getStatsAs('AGENT', `from=2026-10-01&to=2026-10-02`)).json()) as Stats
    const open = await db.ticket.findMany({ where: { status: { in: ['NEW', 'IN_PROGRESS', 'WAITING_USER'] } }, select: { createdAt: true, status: true } })
    const age = (t: { createdAt: Date }) => (now - t.createdAt.getTime()) / 3_600_000
    expect(stats.backlog.byAge).toEqual({
      lt1h: open.filter((t) => age(t) < 1).length,
      lt1d: open.filter((t) => age(t) >= 1 && age(t) < 24).length,
      lt3d: open.filter((t) => age(t) >= 24 && age(t) < 72).length,
      older: open.filter((t) => age(t) >= 72).length,
    })
    expect(stats.backlog.byStatus.IN_PROGRESS).toBe(open.filter((t) => t.status === 'IN_PROGRESS').length)
  })

  it('gives the median and 90th percentile of the times to first action and to resolution', async () => {
    const day = '2026-05-12'
    const base = new Date(`${day}T08:00:00Z`).getTime()
    const minutes = [10, 20, 30, 40, 200]
    for (const m of minutes) {
      await createTicketRow({
        createdAt: new Date(base), category: 'ESPACE_ACCESS_DISABLED', status: 'RESOLVED',
        firstActionAt: new Date(base + m * 60_000), closedAt: new Date(base + 2 * m * 60_000), email: `p${m % 20}@example.test`,
      })
    }
    await createTicketRow({ createdAt: new Date(base), category: 'ESPACE_ACCESS_DISABLED', status: 'NEW', email: 'p0@example.test' })
    await rebuild()
    const viewer = await createStaff()
    const d = await getDashboard(viewer, { from: day, to: day, bucket: 'day' })
    expect(d.ok).toBe(true)
    if (!d.ok) return
    const s = d.value.service.ESPACE_ACCESS_DISABLED
    expect(s).toMatchObject({ n: 6, resolvedShare: 5 / 6 })
    // Exact (nearest-rank) percentiles of the durations, and the figures read from the bins: same bin.
    const nearestRank = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil(p * xs.length) - 1]!
    const doubled = minutes.map((m) => 2 * m)
    const exact = {
      firstActionP50Min: nearestRank(minutes, 0.5), firstActionP90Min: nearestRank(minutes, 0.9),
      resolutionP50Min: nearestRank(doubled, 0.5), resolutionP90Min: nearestRank(doubled, 0.9),
    }
    for (const [key, value] of Object.entries(exact)) {
      const got = s[key as keyof typeof exact]!
      expect(binOf(got * 60_000), `${key}: ${got} vs ${value}`).toBe(binOf(value * 60_000))
    }
    expect(s.reportsPerPerson).toBe(6 / 2) // two people: p10 (10 and 30 min) and p0 (the four others)
  })
})

describe('open incidents on the time axis', () => {
  it('lists the incidents open now that opened before the end of the period', async () => {
    const at = new Date('2026-04-10T07:30:00Z')
    const open = await db.incident.create({ data: { key: 'SERVER_NOT_PUBLISHED:stats-test', category: 'SERVER_NOT_PUBLISHED', firstReportAt: at, lastReportAt: at } })
    await db.incident.create({ data: { key: 'SITE_UNAVAILABLE:stats-test', category: 'SITE_UNAVAILABLE', status: 'RESOLVED', firstReportAt: at, lastReportAt: at } })
    await db.incident.create({ data: { key: 'WRONG_ADDRESS:stats-test', category: 'WRONG_ADDRESS', firstReportAt: new Date('2026-04-20T07:30:00Z'), lastReportAt: at } })
    const d = await getDashboard(await createStaff(), { from: '2026-04-09', to: '2026-04-12', bucket: 'day' })
    expect(d.ok && d.value.incidents).toEqual([{ id: open.id, category: 'SERVER_NOT_PUBLISHED', openedAt: at.toISOString() }])
  })
})

describe('GET /api/admin/stats/export', () => {
  it('downloads each dashboard table as the CSV of the table shown', async () => {
    const cookie = await sessionCookie(await createStaff())
    for (const table of ['series', 'backlog', 'service', 'self-help', 'last-year']) {
      const res = await statsExportGET(new Request(`http://localhost/api/admin/stats/export?from=2026-10-23&to=2026-10-27&table=${table}`, { headers: { cookie } }))
      expect(res.status).toBe(200)
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="tableau-de-bord-/)
      const bytes = Buffer.from(await res.arrayBuffer())
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // UTF-8 BOM (Response.text() would drop it)
      const text = bytes.toString('utf8')
      const rows = parse(text, { bom: true, delimiter: ';' }) as string[][]
      expect(rows.length).toBeGreaterThan(1)
      if (table === 'series') expect(rows.length).toBe(1 + 5)
    }
  })
})
