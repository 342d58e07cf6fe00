import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { getEntry } from '@/lib/catalogue/entries'
import type { CategoryCode, ProfileCode } from '@/lib/catalogue/types'
import { db, readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { buildResolution, espaceForProfile, type ResolutionView } from '@/lib/resolution/registry'
import { fail, invalidInput, ok, type Result } from '@/lib/result'
import { sqlDialect } from '@/lib/sql-dialect'
import { getSchoolSettings } from '@/lib/settings/queries'
import { closedStatuses } from '@/lib/tickets/status'
import {
  incidentColumns,
  toIncidentSummary,
  toPublicIncident,
  type IncidentRow,
  type IncidentSummary,
  type PublicIncident,
  type TicketCounts,
} from './dto'
import { incidentListQuerySchema } from './schemas'

const PAGE_SIZE = 50
const MAX_TICKETS = 500

const closedList = Prisma.join([...closedStatuses])

/** Member counts of these incidents, from the tickets (index on incidentId, status). */
async function countsFor(ids: readonly string[]): Promise<Map<string, TicketCounts>> {
  if (ids.length === 0) return new Map()
  const rows = await readRows<{ incidentId: string; total: number; open: number }>(Prisma.sql`SELECT "incidentId",
    COUNT(*) AS "total", SUM(CASE WHEN "status" IN (${closedList}) THEN 0 ELSE 1 END) AS "open"
    FROM "Ticket" WHERE "incidentId" IN (${Prisma.join([...ids])}) GROUP BY "incidentId"`)
  return new Map(rows.map((r) => [r.incidentId, { ticketCount: Number(r.total), openTicketCount: Number(r.open ?? 0) }]))
}

const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url')
function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  const date = new Date(at ?? '')
  return id && !Number.isNaN(date.getTime()) ? { at: date, id } : null
}

/** GET /api/admin/incidents: newest first, by status, paged by cursor. */
export async function listIncidents(viewer: Viewer, query: unknown): Promise<Result<{ items: IncidentSummary[]; nextCursor: string | null }>> {
  void viewer // every staff role may read incidents
  const parsed = incidentListQuerySchema.safeParse(query)
  if (!parsed.success) return invalidInput(parsed.error)
  const { status, cursor } = parsed.data
  const after = cursor ? decodeCursor(cursor) : null
  if (cursor && !after) return fail('VALIDATION', { fieldErrors: { cursor: ['Curseur invalide.'] } })
  const rows = await db.incident.findMany({
    where: {
      status,
      ...(after ? { OR: [{ firstReportAt: { lt: after.at } }, { firstReportAt: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ firstReportAt: 'desc' }, { id: 'desc' }],
    take: PAGE_SIZE + 1,
    select: incidentColumns,
  })
  const page = rows.slice(0, PAGE_SIZE)
  const counts = await countsFor(page.map((r) => r.id))
  const last = page.at(-1)
  return ok({
    items: page.map((r) => toIncidentSummary(r, counts.get(r.id))),
    nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor(last.firstReportAt, last.id) : null,
  })
}

/** How the cause is fixed: the catalogue's explanation and the resolution screen of the registry. */
export interface IncidentFix {
  meaning: string
  actorText: string
  resolution: ResolutionView
}

async function fixFor(category: string, variant: string | null): Promise<IncidentFix> {
  const entry = getEntry(category as CategoryCode)
  // The Espace of the key names the profile whose screens the catalogue describes (AUTRE: general).
  const profile = (Object.keys(espaceForProfile) as ProfileCode[]).find((p) => variant && espaceForProfile[p] === variant) ?? 'AUTRE'
  const url = category === 'WRONG_ADDRESS' ? variant : null
  const resolution = buildResolution(entry, { category: entry.code, profile, entFailureId: null, url }, await getSchoolSettings())
  return { meaning: entry.meaning, actorText: entry.actorText, resolution }
}

/** GET /api/admin/incidents/{id}: the summary, its first 500 tickets, its history and the fix. */
export async function getIncident(viewer: Viewer, id: string) {
  void viewer
  const row = await db.incident.findUnique({ where: { id }, select: incidentColumns })
  if (!row) return fail('NOT_FOUND')
  const [counts, tickets, events, fix] = await Promise.all([
    countsFor([id]),
    db.ticket.findMany({
      where: { incidentId: id },
      orderBy: { id: 'asc' },
      take: MAX_TICKETS,
      select: { reference: true, status: true, profile: true, createdAt: true, confirmation: true, version: true },
    }),
    db.incidentEvent.findMany({
      where: { incidentId: id },
      orderBy: { id: 'asc' },
      select: { id: true, type: true, version: true, before: true, after: true, note: true, createdAt: true, actor: { select: { id: true, name: true } } },
    }),
    fixFor(row.category, row.variant),
  ])
  const parse = (text: string | null) => (text ? (JSON.parse(text) as Record<string, unknown>) : null)
  return ok({
    ...toIncidentSummary(row, counts.get(id)),
    tickets: tickets.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() })),
    history: events.map((e) => ({ ...e, before: parse(e.before), after: parse(e.after), createdAt: e.createdAt.toISOString() })),
    fix,
  })
}
export type IncidentDetail = Extract<Awaited<ReturnType<typeof getIncident>>, { ok: true }>['value']

/** GET /api/incidents: open incidents with a published notice. Public: no personal data. */
export async function listPublicIncidents(): Promise<PublicIncident[]> {
  const rows = await readRows<{ id: string; category: string; variant: string | null; firstReportAt: string; publicMessage: string | null }>(
    Prisma.sql`SELECT "id", "category", "variant", "firstReportAt", "publicMessage" FROM "Incident"
      WHERE "status" = 'OPEN' AND "published" = ${sqlDialect().true} ORDER BY "firstReportAt" DESC LIMIT 20`,
  )
  return rows.map((r) => toPublicIncident({ ...r, firstReportAt: new Date(r.firstReportAt) }))
}

// The queue's first page reads its incidents through a statement prepared once (readRows), like the
// queue itself: a Prisma query costs ~1 ms of CPU to compile, more on a busy machine.
type RawIncidentRow = Omit<IncidentRow, 'published' | DateField> & { published: number } & Record<DateField, string | null>
type DateField = 'publishedAt' | 'resolvedAt' | 'previousResolvedAt' | 'firstReportAt' | 'lastReportAt'
const rawColumns = Object.keys(incidentColumns).map((c) => `"${c}"`).join(', ')
const dateOrNull = (v: string | null) => (v === null ? null : new Date(v))

function fromRaw(r: RawIncidentRow): IncidentRow {
  return {
    ...r,
    published: Boolean(r.published),
    publishedAt: dateOrNull(r.publishedAt),
    resolvedAt: dateOrNull(r.resolvedAt),
    previousResolvedAt: dateOrNull(r.previousResolvedAt),
    firstReportAt: new Date(r.firstReportAt!),
    lastReportAt: new Date(r.lastReportAt!),
  }
}

export interface QueueIncident extends IncidentSummary {
  profiles: string[]
  /** Reports per 10 minutes, oldest first, up to the last 12 slots with reports. */
  timeline: { at: string; count: number }[]
}

/** The open incidents shown on top of the queue, most recent activity first. */
export async function listQueueIncidents(viewer: Viewer): Promise<QueueIncident[]> {
  void viewer
  const rows = (await readRows<RawIncidentRow>(Prisma.sql`SELECT ${Prisma.raw(rawColumns)} FROM "Incident"
    WHERE "status" = 'OPEN' ORDER BY "lastReportAt" DESC LIMIT 20`)).map(fromRaw)
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [counts, profiles, slots] = await Promise.all([
    countsFor(ids),
    readRows<{ incidentId: string; profile: string }>(Prisma.sql`SELECT DISTINCT "incidentId", "profile" FROM "Ticket"
      WHERE "incidentId" IN (${Prisma.join(ids)}) ORDER BY "profile"`),
    // The stored text "2026-09-01T07:42:…" cut after the tens of minutes: one slot per 10 minutes.
    readRows<{ incidentId: string; slot: string; count: number }>(Prisma.sql`SELECT "incidentId", substr(${sqlDialect().dateText(Prisma.sql`"createdAt"`)}, 1, 15) AS "slot",
      COUNT(*) AS "count" FROM "Ticket" WHERE "incidentId" IN (${Prisma.join(ids)}) GROUP BY "incidentId", "slot" ORDER BY "slot"`),
  ])
  return rows.map((r) => ({
    ...toIncidentSummary(r, counts.get(r.id)),
    profiles: profiles.filter((p) => p.incidentId === r.id).map((p) => p.profile),
    timeline: slots
      .filter((s) => s.incidentId === r.id)
      .slice(-12)
      .map((s) => ({ at: `${s.slot}0:00Z`, count: Number(s.count) })),
  }))
}
