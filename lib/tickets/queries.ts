import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { categoryCodes, type CategoryCode, type ProfileCode } from '@/lib/catalogue/types'
import { db, readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { fail, invalidInput, ok, type Result } from '@/lib/result'
import { decodeCursor, encodeCursor, type CursorKey } from './cursor'
import {
  parseEvidence,
  parseJsonObject,
  type CappedCount,
  type StaffRef,
  type TicketDetail,
  type TicketFacets,
  type TicketPage,
  type TicketSummary,
} from './dto'
import { filterConditions, whereClause } from './filters'
import { ticketSearchSource } from './search'
import { ticketListQuerySchema, type TicketFilter, type TicketSort } from './schemas'
import { ticketStatuses, type TicketStatus } from './status'

// Every staff role sees every ticket of the school; the viewer still scopes "assigned to me".

interface SummaryRow {
  id: number
  reference: string
  status: string
  category: string
  confidence: number
  fullName: string
  profile: string
  establishment: string | null
  priority: number
  createdAt: Date | string
  updatedAt: Date | string
  version: number
  assigneeId: string | null
  assigneeName: string | null
}

function toSummary(row: SummaryRow): TicketSummary {
  return {
    reference: row.reference,
    status: row.status as TicketStatus,
    category: row.category as CategoryCode,
    confidence: Number(row.confidence),
    fullName: row.fullName,
    profile: row.profile as ProfileCode,
    establishment: row.establishment,
    priority: Number(row.priority),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null,
    version: Number(row.version),
  }
}

function orderBy(sort: TicketSort): Prisma.Sql {
  if (sort === 'updated') return Prisma.sql`ORDER BY t."updatedAt" DESC, t."id" DESC`
  if (sort === 'priority') return Prisma.sql`ORDER BY t."priority" DESC, t."id" DESC`
  return Prisma.sql`ORDER BY t."id" DESC`
}

/** "After the cursor" as a row-value comparison that the (key, id) indexes serve as a range. */
function afterCursor(key: CursorKey): Prisma.Sql {
  if (key.sort === 'updated') return Prisma.sql`(t."updatedAt", t."id") < (${key.updatedAt}, ${key.id})`
  if (key.sort === 'priority') return Prisma.sql`(t."priority", t."id") < (${key.priority}, ${key.id})`
  return Prisma.sql`t."id" < ${key.id}`
}

// The first page is the page after a key above every row: each page, the first included, reads one
// index range from its start key, and the query plan says so.
const LAST_ID = Number.MAX_SAFE_INTEGER
const openKeys: { [S in TicketSort]: Extract<CursorKey, { sort: S }> } = {
  created: { sort: 'created', id: LAST_ID },
  updated: { sort: 'updated', id: LAST_ID, updatedAt: new Date('9999-12-31T23:59:59.999Z') },
  priority: { sort: 'priority', id: LAST_ID, priority: LAST_ID },
}

function cursorOf(sort: TicketSort, row: SummaryRow): string {
  if (sort === 'updated') return encodeCursor({ sort, id: row.id, updatedAt: new Date(row.updatedAt) })
  if (sort === 'priority') return encodeCursor({ sort, id: row.id, priority: Number(row.priority) })
  return encodeCursor({ sort, id: row.id })
}

/** One page of the queue. `input` is an untrusted query (URL search params or API query). */
export async function listTickets(viewer: Viewer, input: unknown): Promise<Result<TicketPage>> {
  const parsed = ticketListQuerySchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { cursor, limit, sort, ...filter } = parsed.data
  // A newest-first search is driven by the full-text index in id order (see lib/tickets/search.ts).
  const { q, ...otherFilters } = filter
  const search = q && sort === 'created' ? ticketSearchSource(q) : null
  const conditions = search ? [search.match, ...filterConditions(viewer, otherFilters)] : filterConditions(viewer, filter)
  const key = cursor ? decodeCursor(cursor, sort) : openKeys[sort]
  if (!key) return fail('VALIDATION', { fieldErrors: { cursor: ['Curseur invalide ou fait pour un autre tri.'] } })
  if (!search) conditions.push(afterCursor(key))
  else if (cursor && key.sort === 'created') conditions.push(Prisma.sql`f."rowid" < ${key.id}`)
  const rows = await readRows<SummaryRow>(Prisma.sql`
    SELECT t."id", t."reference", t."status", t."category", t."confidence", t."fullName", t."profile",
           t."establishment", t."priority", t."createdAt", t."updatedAt", t."version", t."assigneeId",
           s."name" AS "assigneeName"
    FROM ${search ? search.from : Prisma.sql`"Ticket" t`} LEFT JOIN "StaffUser" s ON s."id" = t."assigneeId"
    ${whereClause(conditions)}
    ${search ? Prisma.sql`ORDER BY f."rowid" DESC` : orderBy(sort)}
    LIMIT ${limit + 1}`)
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return ok({
    items: page.map(toSummary),
    nextCursor: rows.length > limit && last ? cursorOf(sort, last) : null,
  })
}

export const COUNT_CAP = 10_000
const FACET_TTL_MS = 15_000
const facetCache = new Map<string, { at: number; value: TicketFacets }>()

/** Row `i` of the facet statement: how many tickets match, counting at most COUNT_CAP + 1. */
function cappedCountSql(i: number, conditions: Prisma.Sql[]): Prisma.Sql {
  return Prisma.sql`SELECT ${i} AS "i", COUNT(*) AS "n" FROM (SELECT 1 FROM "Ticket" t ${whereClause(conditions)} LIMIT ${COUNT_CAP + 1})`
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
  const hit = facetCache.get(key)
  if (hit && Date.now() - hit.at < FACET_TTL_MS) return hit.value
  if (filter.q) {
    const value = await searchFacets(viewer, filter, filter.q)
    if (facetCache.size > 500) facetCache.clear()
    facetCache.set(key, { at: Date.now(), value })
    return value
  }
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
  const value = { total: toCappedCount(statusSum), byStatus, byCategory }
  if (facetCache.size > 500) facetCache.clear()
  facetCache.set(key, { at: Date.now(), value })
  return value
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
      ORDER BY f."rowid" DESC
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

/** Drops cached counts after a change so the agent sees their own update reflected. */
export function invalidateTicketCounts(): void {
  facetCache.clear()
}

export const ticketDetailSelect = {
  id: true,
  reference: true,
  status: true,
  category: true,
  autoCategory: true,
  variant: true,
  confidence: true,
  evidence: true,
  message: true,
  fullName: true,
  profile: true,
  email: true,
  establishment: true,
  login: true,
  entName: true,
  entLogin: true,
  url: true,
  occurredAt: true,
  priority: true,
  publicMessage: true,
  version: true,
  entFailureId: true,
  incidentId: true,
  createdAt: true,
  updatedAt: true,
  closedAt: true,
  assignee: { select: { id: true, name: true } },
  events: {
    orderBy: { id: 'asc' },
    select: {
      id: true,
      type: true,
      before: true,
      after: true,
      note: true,
      createdAt: true,
      actor: { select: { id: true, name: true } },
    },
  },
} satisfies Prisma.TicketSelect

type DetailRow = Prisma.TicketGetPayload<{ select: typeof ticketDetailSelect }>

export function toTicketDetail(row: DetailRow): TicketDetail {
  return {
    reference: row.reference,
    status: row.status as TicketStatus,
    category: row.category as CategoryCode,
    autoCategory: row.autoCategory as CategoryCode,
    variant: row.variant,
    confidence: row.confidence,
    evidence: parseEvidence(row.evidence, row.message),
    message: row.message,
    fullName: row.fullName,
    profile: row.profile as ProfileCode,
    email: row.email,
    establishment: row.establishment,
    login: row.login,
    entName: row.entName,
    entLogin: row.entLogin,
    url: row.url,
    occurredAt: row.occurredAt.toISOString(),
    priority: row.priority,
    publicMessage: row.publicMessage,
    version: row.version,
    entFailureId: row.entFailureId,
    incidentId: row.incidentId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    assignee: row.assignee,
    history: row.events.map((e) => ({
      id: e.id,
      type: e.type,
      actor: e.actor,
      before: parseJsonObject(e.before),
      after: parseJsonObject(e.after),
      note: e.note,
      createdAt: e.createdAt.toISOString(),
    })),
  }
}

export async function getTicketDetail(viewer: Viewer, reference: string): Promise<Result<TicketDetail>> {
  void viewer // every staff role may read every ticket; kept for the uniform lib signature
  const row = await db.ticket.findUnique({ where: { reference }, select: ticketDetailSelect })
  return row ? ok(toTicketDetail(row)) : fail('NOT_FOUND')
}

/** Active staff accounts a ticket can be assigned to. */
export async function listAssignableStaff(viewer: Viewer): Promise<StaffRef[]> {
  void viewer
  return db.staffUser.findMany({
    where: { disabledAt: null },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  })
}
