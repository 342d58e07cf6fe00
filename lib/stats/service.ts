import 'server-only'
import { catalogue } from '@/lib/catalogue/entries'
import { categoryCodes, type CategoryCode } from '@/lib/catalogue/types'
import { readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { indexedBy } from '@/lib/sql-dialect'
import { durationBins } from '@/lib/tickets/hour-count-sql'

// Service figures of a period, per category, from the dashboard aggregates kept by the ticket's write
// path (lib/tickets/hour-counts.ts): counts are exact; the median and 90th percentile of a duration
// are interpolated inside its bin (lib/tickets/hour-count-sql.ts says how close that is).

export interface ServiceFigures {
  n: number
  resolvedShare: number | null
  /** Share of the reports the person confirmed "ça marche" after the resolution. */
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

/** The p-th quantile (0..1) of a binned distribution, in minutes; null when it is empty. */
export function binnedPercentile(counts: readonly number[], p: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0)
  if (total === 0) return null
  const rank = p * total
  let before = 0
  for (let bin = 0; bin < counts.length; bin++) {
    const n = counts[bin] ?? 0
    if (n > 0 && before + n >= rank) {
      const low = bin === 0 ? 0 : durationBins[bin - 1]!
      const high = durationBins[bin]
      return Math.round(high === undefined ? low : low + ((high - low) * (rank - before)) / n)
    }
    before += n
  }
  return durationBins.at(-1)!
}

/**
 * "Reports per person" counts distinct people, which no per-hour sum can give: it is read from the
 * period's newest SAMPLE reports (one range of the (createdAt, category, email, fullName) index), so
 * its cost stays bounded whatever the period (a ratio needs no more; a busy week fits in it).
 */
export const PERSON_SAMPLE = 20_000

async function reportsPerPerson(since: Date, until: Date): Promise<Map<string, number>> {
  const rows = await readRows<{ category: string; n: number; people: number }>(Prisma.sql`
    SELECT "category", COUNT(*) AS "n", COUNT(DISTINCT "person") AS "people" FROM (
      SELECT "category", coalesce(lower("email"), 'nom:' || lower("fullName")) AS "person"
      FROM "Ticket" ${indexedBy('Ticket_createdAt_category_email_fullName_idx')}
      WHERE "createdAt" >= ${since} AND "createdAt" < ${until} ORDER BY "createdAt" DESC LIMIT ${PERSON_SAMPLE}) AS "sample"
    GROUP BY "category"`)
  return new Map(rows.map((r) => [r.category, r.people ? Number(r.n) / Number(r.people) : 0]))
}

type Binned = Record<'FIRST_ACTION' | 'RESOLUTION', number[]> & { REPORTS: number; RESOLVED_WITHOUT_ACTION: number; CONFIRMED: number }

/** Service and self-help figures of the tickets created on these Paris days ([since, until)). */
export async function serviceFigures(
  days: { from: string; to: string },
  totals: Record<CategoryCode, number>,
  since: Date,
  until: Date,
): Promise<{ service: Record<CategoryCode, ServiceFigures>; selfHelp: SelfHelpFigures }> {
  // The reports come from the series (`totals`); the durations are keyed by Paris day ("YYYY-MM-DD").
  const rows = await readRows<{ category: string; measure: keyof Binned; bin: number; n: number }>(Prisma.sql`
    SELECT "category", "measure", "bin", SUM("count") AS "n" FROM "TicketHourCount"
    WHERE "measure" IN ('FIRST_ACTION', 'RESOLUTION', 'RESOLVED_WITHOUT_ACTION', 'CONFIRMED') AND "bucket" >= ${days.from} AND "bucket" <= ${days.to}
    GROUP BY "category", "measure", "bin"`)
  const empty = (): Binned => ({ REPORTS: 0, RESOLVED_WITHOUT_ACTION: 0, CONFIRMED: 0, FIRST_ACTION: durationBins.map(() => 0).concat(0), RESOLUTION: durationBins.map(() => 0).concat(0) })
  const byCategory = new Map<string, Binned>(categoryCodes.map((c) => [c, { ...empty(), REPORTS: totals[c] }]))
  const total = categoryCodes.reduce((sum, c) => sum + totals[c], 0)
  for (const r of rows) {
    const b = byCategory.get(r.category)
    if (!b) continue
    if (r.measure === 'FIRST_ACTION' || r.measure === 'RESOLUTION') b[r.measure][Number(r.bin)] = Number(r.n)
    else if (r.measure === 'RESOLVED_WITHOUT_ACTION' || r.measure === 'CONFIRMED') b[r.measure] += Number(r.n)
  }
  const perPerson = await reportsPerPerson(since, until)
  const service = Object.fromEntries(
    categoryCodes.map((c) => {
      const b = byCategory.get(c)!
      const resolved = b.RESOLUTION.reduce((x, y) => x + y, 0)
      const figures: ServiceFigures = {
        n: b.REPORTS,
        resolvedShare: b.REPORTS ? resolved / b.REPORTS : null,
        confirmedShare: b.REPORTS ? b.CONFIRMED / b.REPORTS : null,
        firstActionP50Min: binnedPercentile(b.FIRST_ACTION, 0.5),
        firstActionP90Min: binnedPercentile(b.FIRST_ACTION, 0.9),
        resolutionP50Min: binnedPercentile(b.RESOLUTION, 0.5),
        resolutionP90Min: binnedPercentile(b.RESOLUTION, 0.9),
        reportsPerPerson: perPerson.get(c) || null,
      }
      return [c, figures]
    }),
  ) as Record<CategoryCode, ServiceFigures>
  const selfHelpN = selfHelpCategories.reduce((sum, c) => sum + service[c].n, 0)
  const resolvedWithoutAction = selfHelpCategories.reduce((sum, c) => sum + byCategory.get(c)!.RESOLVED_WITHOUT_ACTION, 0)
  return {
    service,
    selfHelp: { categories: selfHelpCategories, n: selfHelpN, share: total ? selfHelpN / total : null, resolvedWithoutAction },
  }
}
