import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { categoryCodes, type CategoryCode } from '@/lib/catalogue/types'
import { readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { advanceCountsVersion, readCountsVersion } from './counts-version'
import type { CappedCount, TicketFacets } from './dto'
import { filterConditions, whereClause } from './filters'
import { ticketSearchSource } from './search'
import type { TicketFilter } from './schemas'
import { ticketStatuses, type TicketStatus } from './status'

// The queue's counts by status and category, capped and cached briefly. A change made through the
// app invalidates the cache at once (`invalidateTicketCounts`); new reports show within FACET_TTL_MS.
// On PostgreSQL several processes serve the queue, each with its own cache: an entry also carries
// the shared counts version it was counted at (lib/tickets/counts-version.ts) and is served only
// while that version holds, so a change made through another process shows at once here too.

export const COUNT_CAP = 10_000
const FACET_TTL_MS = 15_000
const facetCache = new Map<string, { at: number; version: number; value: TicketFacets }>()

function remember(key: string, version: number, value: TicketFacets): TicketFacets {
  if (facetCache.size > 500) facetCache.clear()
  facetCache.set(key, { at: Date.now(), version, value })
  return value
}

/** Row `i` of the facet statement: how many tickets match, counting at most COUNT_CAP + 1. */
function cappedCountSql(i: number, conditions: Prisma.Sql[]): Prisma.Sql {
  // `i` is written into the text (our own small integer): an untyped parameter in a select list has
  // no type for PostgreSQL. The subquery's alias is required there too.
  return Prisma.sql`SELECT ${Prisma.raw(String(i))} AS "i", COUNT(*) AS "n" FROM (SELECT 1 FROM "Ticket" t ${whereClause(conditions)} LIMIT ${COUNT_CAP + 1}) AS "capped"`
}

function toCappedCount(value: number | bigint | undefined): CappedCount {
  const n = Number(value ?? 0)
  return n > COUNT_CAP ? { count: COUNT_CAP, capped: true } : { count: n, capped: false }
}

/**
 * Counts per status and per category for the current filter. Each facet ignores its own filter
 * (the status counts show what choosing another status would give). Counting stops at COUNT_CAP
 * and results are cached briefly, so no page load pays for an exact count over a large table.
 * All the counts are one UNION ALL statement (one round trip); with the (column, …, id) indexes each one is a
 * covering index range of at most COUNT_CAP + 1 entries.
 */
export async function countTicketFacets(viewer: Viewer, filter: TicketFilter): Promise<TicketFacets> {
  const key = JSON.stringify([filter.assignee === 'me' ? viewer.id : null, filter])
  // Read before counting: a change made meanwhile advances it past what is stored with these counts.
  const version = await readCountsVersion()
  const hit = facetCache.get(key)
  if (hit && hit.version === version && Date.now() - hit.at < FACET_TTL_MS) return hit.value
  if (filter.q) return remember(key, version, await searchFacets(viewer, filter, filter.q))
  // No count of its own for the total: the statuses partition the tickets, so the total is the sum of
  // the status counts (which ignore the status filter) or, with a status chosen, that status's count.
  const conditions: Prisma.Sql[][] = [
    ...ticketStatuses.map((status) => [...filterConditions(viewer, filter, 'status'), Prisma.sql`t."status" = ${status}`]),
    ...categoryCodes.map((category) => [
      ...filterConditions(viewer, filter, 'category'),
      Prisma.sql`t."category" = ${category}`,
    ]),
  ]
  const rows = await readRows<{ i: number | bigint; n: number | bigint }>(
    Prisma.join(
      conditions.map((c, i) => cappedCountSql(i, c)),
      ' UNION ALL ',
    ),
  )
  const counted = new Map(rows.map((r) => [Number(r.i), r.n]))
  const at = (i: number) => toCappedCount(counted.get(i))
  const byStatus = Object.fromEntries(ticketStatuses.map((s, i) => [s, at(i)])) as Record<TicketStatus, CappedCount>
  const byCategory = Object.fromEntries(
    categoryCodes.map((c, i) => [c, at(ticketStatuses.length + i)]),
  ) as Record<CategoryCode, CappedCount>
  // Each status count stops at COUNT_CAP + 1, so a capped one makes the sum exceed the cap as well.
  const statusSum = ticketStatuses.reduce(
    (sum, s, i) => (filter.status && filter.status !== s ? sum : sum + Number(counted.get(i) ?? 0)),
    0,
  )
  return remember(key, version, { total: toCappedCount(statusSum), byStatus, byCategory })
}

/**
 * Facets of a search in ONE pass over the newest COUNT_CAP + 1 hits of the full-text index (with the
 * other filters), counted in memory: a membership test against the index in each count would
 * re-read every hit of a common word ~20 times (11 s for a word in 27 % of 1,000,000 tickets; this
 * pass: ~60 ms). When the hits go beyond that window, every count is a lower bound, shown as "n+".
 */
async function searchFacets(viewer: Viewer, filter: TicketFilter, q: string): Promise<TicketFacets> {
  const byStatus = Object.fromEntries(ticketStatuses.map((s) => [s, 0])) as Record<TicketStatus, number>
  const byCategory = Object.fromEntries(categoryCodes.map((c) => [c, 0])) as Record<CategoryCode, number>
  let total = 0
  let truncated = false
  const search = ticketSearchSource(q)
  if (search) {
    const { status, category, q: _q, ...others } = filter
    void _q
    const rows = await readRows<{ status: string; category: string }>(Prisma.sql`
      SELECT t."status", t."category" FROM ${search.from}
      ${whereClause([search.match, ...filterConditions(viewer, others)])}
      ORDER BY ${search.id} DESC
      LIMIT ${COUNT_CAP + 1}`)
    truncated = rows.length > COUNT_CAP
    for (const row of truncated ? rows.slice(0, COUNT_CAP) : rows) {
      const statusOk = !status || row.status === status
      const categoryOk = !category || row.category === category
      if (categoryOk && row.status in byStatus) byStatus[row.status as TicketStatus]++
      if (statusOk && row.category in byCategory) byCategory[row.category as CategoryCode]++
      if (statusOk && categoryOk) total++
    }
  }
  const capped = (count: number): CappedCount => ({ count, capped: truncated })
  return {
    total: capped(total),
    byStatus: Object.fromEntries(ticketStatuses.map((s) => [s, capped(byStatus[s])])) as Record<TicketStatus, CappedCount>,
    byCategory: Object.fromEntries(categoryCodes.map((c) => [c, capped(byCategory[c])])) as Record<CategoryCode, CappedCount>,
  }
}

/**
 * Drops cached counts after a change so the agent sees their own update reflected, whichever
 * process serves their next page (PostgreSQL: the shared version advances).
 */
export async function invalidateTicketCounts(): Promise<void> {
  facetCache.clear()
  await advanceCountsVersion()
}
