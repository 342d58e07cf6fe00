import 'server-only'
import { hasRole } from '@/lib/auth/policy'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { fail, invalidInput, ok, type Result } from '@/lib/result'
import { getSchoolSettings } from '@/lib/settings/queries'
import { isClosedStatus } from '@/lib/tickets/status'
import {
  entFailureColumns,
  toEntFailureSummary,
  type EntFailureDetail,
  type EntFailureListItem,
  type EntFailureStats,
  type EntFailureSummary,
} from './dto'
import { buildDirectoryIndex, rankCandidates, type Candidate, type DirectoryIndex } from './matching'
import { listEntFailuresSchema } from './schemas'
import { reporterKeyFor } from './reporter'
import { percentile } from './stats'

// Records with no ticket left stay in the database for their history but are not work to do:
// lists and counts only consider records that still carry at least one report.
const active = { reportCount: { gt: 0 } }

let cachedIndex: { key: string; index: DirectoryIndex } | undefined

/** The matching index over the directory, rebuilt only when the directory changed. */
export async function getDirectoryIndex(): Promise<DirectoryIndex> {
  const stamp = await db.directoryAccount.aggregate({ _count: { _all: true }, _max: { updatedAt: true } })
  const key = `${env().DATABASE_URL}|${stamp._count._all}|${stamp._max.updatedAt?.getTime() ?? 0}`
  if (cachedIndex?.key === key) return cachedIndex.index
  const rows = await db.directoryAccount.findMany({
    select: { login: true, lastName: true, firstName: true, profile: true, group: true, birthDate: true },
    orderBy: { login: 'asc' },
  })
  cachedIndex = { key, index: buildDirectoryIndex(rows) }
  return cachedIndex.index
}

async function candidatesFor(
  failures: EntFailureSummary[],
  limit: number,
): Promise<Map<string, Candidate[]>> {
  if (limit === 0 || failures.length === 0) return new Map()
  const [index, school, tickets] = await Promise.all([
    getDirectoryIndex(),
    getSchoolSettings(),
    db.ticket.findMany({ where: { entFailureId: { in: failures.map((f) => f.id) } }, select: { entFailureId: true, message: true } }),
  ])
  const hints = new Map<string, string>()
  for (const t of tickets) hints.set(t.entFailureId!, `${hints.get(t.entFailureId!) ?? ''}\n${t.message}`.slice(0, 4000))
  return new Map(
    failures.map((f) => [
      f.id,
      rankCandidates(
        index,
        { fullName: f.fullName, profile: f.profile, establishment: f.establishment, hints: hints.get(f.id), school: { name: school.establishmentName, uai: school.uai } },
        limit,
      ),
    ]),
  )
}

function encodeCursor(f: EntFailureSummary): string {
  return Buffer.from(`${f.firstReportedAt}|${f.id}`).toString('base64url')
}

function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  const date = new Date(at ?? '')
  return id && !Number.isNaN(date.getTime()) ? { at: date, id } : null
}

export type ListOutcome = { items: EntFailureListItem[]; nextCursor: string | null }

/** Failures of one status, oldest first (keyset pagination), each with its ranked candidates. */
export async function listEntFailures(viewer: Viewer, input: unknown, candidateLimit = 3): Promise<Result<ListOutcome>> {
  if (!hasRole(viewer, 'AGENT')) return fail('FORBIDDEN')
  const parsed = listEntFailuresSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { status, cursor, limit } = parsed.data
  const after = cursor ? decodeCursor(cursor) : null
  if (cursor && !after) return fail('VALIDATION', { fieldErrors: { cursor: ['Curseur de pagination invalide.'] } })
  const rows = await db.entFailure.findMany({
    where: {
      status,
      ...active,
      ...(after ? { OR: [{ firstReportedAt: { gt: after.at } }, { firstReportedAt: after.at, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ firstReportedAt: 'asc' }, { id: 'asc' }],
    take: limit + 1,
    select: entFailureColumns,
  })
  const page = rows.slice(0, limit).map(toEntFailureSummary)
  const candidates = await candidatesFor(page, candidateLimit)
  return ok({
    items: page.map((f) => ({ ...f, candidates: candidates.get(f.id) ?? [] })),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
  })
}

function parseJson(value: string | null): Record<string, unknown> | null {
  if (!value) return null
  try {
    const parsed: unknown = JSON.parse(value)
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** One failure with its tickets, full history and the best candidates. */
export async function getEntFailure(viewer: Viewer, id: string, candidateLimit = 8): Promise<Result<EntFailureDetail>> {
  if (!hasRole(viewer, 'AGENT')) return fail('FORBIDDEN')
  const row = await db.entFailure.findUnique({
    where: { id },
    select: {
      ...entFailureColumns,
      decidedById: true,
      reporterKey: true,
      tickets: { select: { id: true, reference: true, status: true, message: true, createdAt: true, fullName: true, email: true }, orderBy: { createdAt: 'asc' } },
      events: { select: { id: true, type: true, note: true, before: true, after: true, createdAt: true, actor: { select: { name: true } } }, orderBy: { id: 'asc' } },
    },
  })
  if (!row) return fail('NOT_FOUND')
  const decider = row.decidedById ? await db.staffUser.findUnique({ where: { id: row.decidedById }, select: { name: true } }) : null
  const summary = toEntFailureSummary(row)
  const candidates = await candidatesFor([summary], candidateLimit)
  // Records from before the reporter key was stored take it from their earliest ticket.
  const earliest = row.tickets.reduce<(typeof row.tickets)[number] | undefined>((a, t) => (!a || t.id < a.id ? t : a), undefined)
  const firstReporter = row.reporterKey ?? (earliest ? reporterKeyFor(earliest) : null)
  const recipients = row.tickets.filter((t) => !isClosedStatus(t.status) && reporterKeyFor(t) === firstReporter)
  return ok({
    ...summary,
    candidates: candidates.get(summary.id) ?? [],
    decidedByName: decider?.name ?? null,
    tickets: row.tickets.map((t) => ({
      reference: t.reference,
      status: t.status,
      message: t.message,
      createdAt: t.createdAt.toISOString(),
      otherReporter: reporterKeyFor(t) !== firstReporter,
    })),
    recipients: { people: recipients.length > 0 ? 1 : 0, reports: recipients.length },
    events: row.events.map((e) => ({
      id: e.id,
      type: e.type,
      note: e.note,
      before: parseJson(e.before),
      after: parseJson(e.after),
      actorName: e.actor?.name ?? null,
      createdAt: e.createdAt.toISOString(),
    })),
  })
}

/** Counts per status, time from first report to link (median, 90th percentile), the oldest open one. */
export async function getEntFailureStats(viewer: Viewer): Promise<Result<EntFailureStats>> {
  if (!hasRole(viewer, 'AGENT')) return fail('FORBIDDEN')
  const [groups, linked, oldest] = await Promise.all([
    db.entFailure.groupBy({ by: ['status'], where: active, _count: { _all: true } }),
    db.entFailure.findMany({ where: { status: 'LINKED', decidedAt: { not: null }, ...active }, select: { firstReportedAt: true, decidedAt: true } }),
    db.entFailure.findFirst({
      where: { status: 'OPEN', ...active },
      orderBy: [{ firstReportedAt: 'asc' }, { id: 'asc' }],
      select: { id: true, fullName: true, firstReportedAt: true },
    }),
  ])
  const count = (status: string) => groups.find((g) => g.status === status)?._count._all ?? 0
  const durations = linked.map((f) => f.decidedAt!.getTime() - f.firstReportedAt.getTime())
  return ok({
    open: count('OPEN'),
    linked: count('LINKED'),
    rejected: count('REJECTED'),
    closed: count('CLOSED'),
    medianLinkMs: percentile(durations, 0.5),
    p90LinkMs: percentile(durations, 0.9),
    oldestOpen: oldest ? { ...oldest, firstReportedAt: oldest.firstReportedAt.toISOString() } : null,
  })
}
