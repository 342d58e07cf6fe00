import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import type { CategoryCode, ProfileCode } from '@/lib/catalogue/types'
import { readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { fail, invalidInput, ok, type Result } from '@/lib/result'
import { ABOVE_EVERY_ID, decodeCursor, encodeCursor, type CursorKey } from './cursor'
import type { TicketPage, TicketSummary } from './dto'
import { filterConditions, whereClause } from './filters'
import { ticketSearchSource } from './search'
import { newestSearchRows } from './search-page'
import { ticketListQuerySchema, type TicketSort } from './schemas'
import type { TicketStatus } from './status'

// The queue: pages of tickets, newest first (or by last update, or priority), each one index range.

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
const LAST_ID = ABOVE_EVERY_ID
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
  // A newest-first search is driven by the full-text index in id order (lib/tickets/search-page.ts).
  const { q, ...otherFilters } = filter
  const search = q && sort === 'created' ? ticketSearchSource(q) : null
  const key = cursor ? decodeCursor(cursor, sort) : openKeys[sort]
  if (!key) return fail('VALIDATION', { fieldErrors: { cursor: ['Curseur invalide ou fait pour un autre tri.'] } })
  const select = (from: Prisma.Sql, conditions: Prisma.Sql[], order: Prisma.Sql, take: number) =>
    readRows<SummaryRow>(Prisma.sql`
      SELECT t."id", t."reference", t."status", t."category", t."confidence", t."fullName", t."profile",
             t."establishment", t."priority", t."createdAt", t."updatedAt", t."version", t."assigneeId",
             s."name" AS "assigneeName"
      FROM ${from} LEFT JOIN "StaffUser" s ON s."id" = t."assigneeId"
      ${whereClause(conditions)}
      ${order}
      LIMIT ${take}`)
  const rows =
    search && key.sort === 'created'
      ? await newestSearchRows(search, filterConditions(viewer, otherFilters), key.id, limit + 1, (from, conditions, take, id) =>
          select(from, conditions, Prisma.sql`ORDER BY ${id} DESC`, take),
        )
      : await select(Prisma.sql`"Ticket" t`, [...filterConditions(viewer, filter), afterCursor(key)], orderBy(sort), limit + 1)
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return ok({
    items: page.map(toSummary),
    nextCursor: rows.length > limit && last ? cursorOf(sort, last) : null,
  })
}
