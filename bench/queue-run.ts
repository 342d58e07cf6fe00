// The queue phase of the SQLite run (issues 6, 16 and 17): a signed-in admin times the queue API at
// 1,000,000 tickets (first page, filtered, search, deep by cursor), /admin and the dashboard,
// interleaved request by request with their references on the floor app (its no-op GET and its
// empty page), with the same client and cookies. See bench/README.md, step 6.

import { QUEUE_MIN, log, type Scale } from './harness'
import { FILTERED_QUERY, Session, filteredRows, pageOf, timeGet, timeInterleaved, walkCursor, type TimedGet, type Timing } from './queue'
import { fmt } from './report'

export interface QueueRun {
  timings: Record<string, Timing>
  walk: { depth?: number; walkMs?: number }
}

const API = '/api/admin/tickets'

/** The rare name the queue's search looks for: one seeded ticket's, halfway through the seed. */
export const searchTermOf = (scale: Scale) => `Personne ${Math.floor(scale.tickets / 2).toString(36)}`

const dashboardOk = (body: string) => {
  if (!body.includes('Signalements reçus')) throw new Error('the dashboard page has no chart')
  return 1
}

export async function queueRun(origin: string, floorOrigin: string | null, admin: { email: string; password: string }, scale: Scale, run: QueueRun): Promise<void> {
  const session = new Session(origin)
  if (!(await session.signIn(admin.email, admin.password))) throw new Error('sign-in returned no session cookie')
  const noop = floorOrigin ? session.at(floorOrigin) : null
  const opts = { min: QUEUE_MIN, target: scale.queueN }
  const search = `${API}?q=${encodeURIComponent(searchTermOf(scale))}`
  const count = (body: string) => pageOf(body).items.length
  const record = (t: Timing) => {
    run.timings[t.name] = t
    log(`  ${t.name.padEnd(13)} p50 ${fmt(t.p50)} p95 ${fmt(t.p95)} ms (n=${t.n})${t.short ? ` BELOW THE ${QUEUE_MIN} MINIMUM: ${t.short}` : ''}`)
  }
  const interleaved = async (gets: TimedGet[]) => (await timeInterleaved(session, gets, opts)).forEach(record)
  try {
    // A running server has compiled its hot paths: 10 untimed rounds over the queries first, so the
    // first query timed does not pay for the JIT warming up alone.
    for (let i = 0; i < 10; i++) {
      for (const p of [API, `${API}${FILTERED_QUERY}`, search, '/admin']) await session.fetch(p)
      for (const p of ['/api/noop', '/']) await noop?.fetch(p)
    }
    const w = await walkCursor(session, API, 50, 100)
    Object.assign(run.walk, { depth: w.depth, walkMs: w.walkMs })
    // The queue queries and their references: `floor` (our own no-op route, same session) and the
    // floor app's no-op GET (issue 17's reference).
    await interleaved([
      { name: 'floor', path: '/api/health' },
      ...(noop ? [{ name: 'noop-get', path: '/api/noop', client: noop }] : []),
      { name: 'first', path: API, check: count },
      { name: 'filtered', path: `${API}${FILTERED_QUERY}`, check: filteredRows },
      { name: 'search', path: search, check: count },
      { name: 'search-common', path: `${API}?q=503`, check: count },
      { name: 'deep', path: `${API}?cursor=${encodeURIComponent(w.cursor)}`, check: count },
    ])
    // /admin and its reference, the floor app's empty page, the same way.
    await interleaved([...(noop ? [{ name: 'noop-page', path: '/', client: noop }] : []), { name: 'admin', path: '/admin' }])
    // The dashboard (issue 16): every figure of the period computed per request; 100 of each (a
    // page takes ~0.1 s; its targets are absolute, not a p95 ratio).
    for (const p of ['30d', 'rentree']) for (let i = 0; i < 3; i++) await session.fetch(`/admin/tableau-de-bord?period=${p}`)
    for (const [name, period] of [['dashboard-30d', '30d'], ['dashboard-rentree', 'rentree']] as const) {
      record(await timeGet(session, name, `/admin/tableau-de-bord?period=${period}`, { ...opts, target: Math.min(opts.target, 100) }, dashboardOk))
    }
  } finally {
    session.close()
    noop?.close()
  }
}
