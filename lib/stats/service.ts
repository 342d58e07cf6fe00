import 'server-only'
import { catalogue } from '@/lib/catalogue/entries'
import { categoryCodes, type CategoryCode } from '@/lib/catalogue/types'
import { readRows } from '@/lib/db'
import { percentile } from '@/lib/ent-failures/stats'
import { Prisma } from '@/lib/generated/prisma/client'

// Service figures of a period, per category, from one pass over the tickets created in it. Each
// chunk is one range of the (createdAt, category, status, firstActionAt, closedAt, email, fullName)
// index, read without touching the table; the period is read a week at a time so the gate and the
// event loop are free between chunks (reports keep flowing while the rentrée is being counted).

export interface ServiceFigures {
  n: number
  resolvedShare: number | null
  /**
   * Share confirmed "ça marche" by the person. null until the person's confirmation exists (issue
   * 13): then it is counted here, from the same pass over the period's tickets.
   */
  confirmedShare: number | null
  firstActionP50Min: number | null
  firstActionP90Min: number | null
  resolutionP50Min: number | null
  resolutionP90Min: number | null
  /** Reports per distinct person (e-mail, else name): repeat reports mean people are not answered. */
  reportsPerPerson: number | null
}

export interface SelfHelpFigures {
  /** Categories the person can fix alone (the catalogue's actor USER). */
  categories: CategoryCode[]
  n: number
  share: number | null
  /** Resolved with no staff action before the closing itself. */
  resolvedWithoutAction: number
}

/** Categories where the person can fix the cause alone (DOMAIN.md: "User alone"). */
export const selfHelpCategories = categoryCodes.filter((c) => catalogue[c].actor === 'USER')

interface Accumulator {
  n: number
  resolved: number
  firstAction: number[]
  resolution: number[]
  persons: Set<string>
}

type Row = [category: string, status: string, createdAt: string, firstActionAt: string | null, closedAt: string | null, email: string | null, fullName: string]

const CHUNK_MS = 7 * 86_400_000
const minutes = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000
const round = (v: number | null) => (v === null ? null : Math.round(v))

async function chunk(since: Date, until: Date): Promise<Row[]> {
  const rows = await readRows<{ c: string; s: string; a: string; f: string | null; z: string | null; e: string | null; n: string }>(Prisma.sql`
    SELECT "category" AS "c", "status" AS "s", "createdAt" AS "a", "firstActionAt" AS "f", "closedAt" AS "z", "email" AS "e", "fullName" AS "n"
    FROM "Ticket" INDEXED BY "Ticket_createdAt_category_status_firstActionAt_closedAt_email_fullName_idx"
    WHERE "createdAt" >= ${since} AND "createdAt" < ${until}`)
  return rows.map((r) => [r.c, r.s, String(r.a), r.f === null ? null : String(r.f), r.z === null ? null : String(r.z), r.e, r.n])
}

/** Service and self-help figures of the tickets created in [since, until). */
export async function serviceFigures(since: Date, until: Date): Promise<{ service: Record<CategoryCode, ServiceFigures>; selfHelp: SelfHelpFigures }> {
  const acc = new Map<string, Accumulator>(categoryCodes.map((c) => [c, { n: 0, resolved: 0, firstAction: [], resolution: [], persons: new Set() }]))
  let total = 0
  let resolvedWithoutAction = 0
  for (let t = since.getTime(); t < until.getTime(); t += CHUNK_MS) {
    for (const [category, status, createdAt, firstActionAt, closedAt, email, fullName] of await chunk(new Date(t), new Date(Math.min(t + CHUNK_MS, until.getTime())))) {
      const a = acc.get(category)
      total++
      if (!a) continue
      a.n++
      a.persons.add(email ? `e:${email.toLowerCase()}` : `n:${fullName.toLowerCase()}`)
      if (firstActionAt) a.firstAction.push(minutes(createdAt, firstActionAt))
      if (status === 'RESOLVED' && closedAt) {
        a.resolved++
        a.resolution.push(minutes(createdAt, closedAt))
        if (selfHelpCategories.includes(category as CategoryCode) && (!firstActionAt || firstActionAt === closedAt)) resolvedWithoutAction++
      }
    }
  }
  const service = Object.fromEntries(
    categoryCodes.map((c) => {
      const a = acc.get(c)!
      const figures: ServiceFigures = {
        n: a.n,
        resolvedShare: a.n ? a.resolved / a.n : null,
        confirmedShare: null,
        firstActionP50Min: round(percentile(a.firstAction, 0.5)),
        firstActionP90Min: round(percentile(a.firstAction, 0.9)),
        resolutionP50Min: round(percentile(a.resolution, 0.5)),
        resolutionP90Min: round(percentile(a.resolution, 0.9)),
        reportsPerPerson: a.persons.size ? a.n / a.persons.size : null,
      }
      return [c, figures]
    }),
  ) as Record<CategoryCode, ServiceFigures>
  const selfHelpN = selfHelpCategories.reduce((sum, c) => sum + service[c].n, 0)
  return {
    service,
    selfHelp: { categories: selfHelpCategories, n: selfHelpN, share: total ? selfHelpN / total : null, resolvedWithoutAction },
  }
}
