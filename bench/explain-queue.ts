// Captures the exact SQL the queue runs (better-sqlite3 `prepare` and `bind` wrapped before the app's
// Prisma client loads), then runs EXPLAIN QUERY PLAN on each with the same arguments, and times the
// lib calls in-process (database + Prisma, no HTTP/Next) to separate query cost from framework cost.
// Run with: tsx --conditions=react-server bench/explain-queue.ts (DATABASE_URL=file:<seeded db>)
// Prints one JSON line: { queries: [{ label, sql, plan, flags }], timings: [{ label, p50, p95 }] }.

import Database from 'better-sqlite3'
import type { Viewer } from '../lib/auth/viewer'
import { percentile } from './load'

interface Captured {
  label: string
  sql: string
  args: unknown[]
}

let label = ''
const captured: Captured[] = []
const originalPrepare = Database.prototype.prepare
Database.prototype.prepare = function (this: Database.Database, sql: string) {
  const stmt = originalPrepare.call(this, sql) as Database.Statement
  // Prisma's adapter binds then runs; lib/db.ts `readRows` keeps its statements and passes the
  // arguments to `all`. Either way the call made while a case runs is captured with its arguments.
  for (const method of ['bind', 'all', 'get', 'iterate', 'run'] as const) {
    const original = (stmt[method] as (...args: unknown[]) => unknown).bind(stmt)
    Object.assign(stmt, {
      [method]: (...args: unknown[]) => {
        if (label && args.length) captured.push({ label, sql, args: Array.isArray(args[0]) ? args[0] : args })
        return original(...args)
      },
    })
  }
  return stmt
} as typeof Database.prototype.prepare

async function main() {
  const file = (process.env.DATABASE_URL ?? '').replace(/^file:/, '')
  const raw = new Database(file, { readonly: true })
  const admin = raw.prepare(`SELECT id, email, name, role FROM "StaffUser" WHERE role = 'ADMIN' LIMIT 1`).all()[0] as Viewer
  const term = process.env.BENCH_SEARCH_TERM ?? 'Personne 7zz'
  const { listTickets } = await import('../lib/tickets/list')
  const { countTicketFacets, invalidateTicketCounts } = await import('../lib/tickets/facets')
  const { listQueueIncidents } = await import('../lib/incidents/queries')

  const deep = raw.prepare(`SELECT id FROM "Ticket" ORDER BY id DESC LIMIT 1 OFFSET 5000`).all()[0] as { id: number } | undefined
  const cursor = Buffer.from(JSON.stringify(['created', deep?.id ?? 1])).toString('base64url')
  const cases: [string, () => Promise<unknown>][] = [
    ['first', () => listTickets(admin, {})],
    ['filtered', () => listTickets(admin, { category: 'BAD_CREDENTIALS', status: 'NEW' })],
    ['search', () => listTickets(admin, { q: term })],
    ['search-common', () => listTickets(admin, { q: '503' })],
    ['deep', () => listTickets(admin, { cursor })],
    ['sort-updated', () => listTickets(admin, { sort: 'updated' })],
    ['sort-priority', () => listTickets(admin, { sort: 'priority', status: 'NEW' })],
    // The open incidents above the queue's first page (issue 13), with their counts and timelines.
    ['incidents-on-top', () => listQueueIncidents(admin)],
    ['facets', () => countTicketFacets(admin, {})],
    ['facets-filtered', () => countTicketFacets(admin, { category: 'BAD_CREDENTIALS' })],
  ]
  const timings: { label: string; p50: number; p95: number }[] = []
  for (const [name, run] of cases) {
    label = name
    const result = (await run()) as { ok?: boolean; code?: string }
    if (result && result.ok === false) throw new Error(`${name}: ${JSON.stringify(result)}`)
    label = ''
    const ms: number[] = []
    // Quick mode (BENCH_QUICK): fewer in-process repetitions; these timings only explain the HTTP ones.
    const n = process.env.BENCH_QUICK ? (name.startsWith('facets') ? 3 : 10) : name.startsWith('facets') ? 5 : 30
    const caseStart = performance.now()
    for (let i = 0; i < n && (i < 5 || performance.now() - caseStart < 10_000); i++) {
      invalidateTicketCounts() // time the counts themselves, not the 15 s cache in front of them
      const t0 = performance.now()
      await run()
      ms.push(performance.now() - t0)
    }
    ms.sort((a, b) => a - b)
    timings.push({ label: name, p50: percentile(ms, 50), p95: percentile(ms, 95) })
  }

  const selects = captured.filter((c) => /^\s*select/i.test(c.sql))
  // A case whose SQL was not captured would pass the plan check without being checked.
  const missing = cases.map(([name]) => name).filter((name) => !selects.some((c) => c.label === name))
  if (missing.length) throw new Error(`no SELECT captured for: ${missing.join(', ')}`)
  const queries = selects
    .map((c) => {
      const plan = raw.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.args as unknown[])) as { detail: string }[]
      const details = plan.map((p) => p.detail)
      // A table or index scan, or a sort; scanning a LIMITed subquery's own rows is not one, named
      // "(subquery-n)" or by its alias ("capped", which PostgreSQL requires), a CO-ROUTINE first.
      // An FTS5 MATCH shows as "SCAN f VIRTUAL TABLE INDEX n:M…": an index lookup, not a scan; a
      // json_each "SCAN" reads the list bound as a parameter (the ids of a search's hits).
      const coroutines = new Set(details.flatMap((d) => /^CO-ROUTINE (.+)$/.exec(d)?.[1] ?? []))
      const isScan = (d: string) =>
        /^SCAN\b/.test(d) && !/^SCAN \(subquery/.test(d) && !coroutines.has(d.slice(5)) && !/VIRTUAL TABLE INDEX \d+:M/.test(d) && !/^SCAN json_each VIRTUAL TABLE/.test(d)
      // The incidents on top group and count a bounded set (≤ 20 incidents' members, through
      // covering indexes; their timeline the last two hours): a temporary B-tree and an exact count
      // there are expected; a scan is still flagged.
      const incidents = c.label === 'incidents-on-top'
      const flags = details.filter((d) => isScan(d) || (!incidents && /TEMP B-TREE/.test(d)))
      // A count is exact unless it counts a LIMITed subquery (a capped count).
      const exactCount = !incidents && /count\(/i.test(c.sql) && !/\(\s*select[^)]*limit/i.test(c.sql)
      return { label: c.label, sql: c.sql.replace(/\s+/g, ' ').trim(), plan: details, flags, exactCount }
    })
  console.log(JSON.stringify({ queries, timings }))
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
