import 'server-only'
import type { Sql } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import { databaseProvider } from '@/lib/sql-dialect'
import { parisWallClock } from '@/lib/time/paris'
import { storedDate } from '@/lib/time/stored-date'
import { binOf, computedCountsSqlOf, rebuildCountsSqlOf, type Measure } from './hour-count-sql'

// The dashboard's aggregates (issue 16), kept by the ticket's write path: at 1,000,000 tickets the
// rentrée holds ~215,000 reports, and reading them per request costs seconds; these rows hold the
// same figures in far fewer rows. Each ticket CONTRIBUTES rows keyed by its creation bucket (the UTC
// hour for REPORTS, the Paris day for the durations: hour-count-sql.ts says why) and its current
// category:
//   REPORTS                  bin 0: the report itself;
//   FIRST_ACTION             bin of the minutes from creation to staff's first action;
//   RESOLUTION               bin of the minutes from creation to closing, while RESOLVED;
//   RESOLVED_WITHOUT_ACTION  bin 0: RESOLVED with no staff action before the closing itself;
//   CONFIRMED                bin 0: the person answered "ça marche" after the resolution.
// Every write of a ticket applies the difference between its contributions before and after, in the
// same transaction (a new report in its group-commit savepoint, an agent's change, a decision closing
// many), so the table cannot drift by a crash in between. `npm run stats:repair` recomputes it.

/** The ticket fields its contributions depend on. */
export interface CountedTicket {
  createdAt: Date
  category: string
  status: string
  firstActionAt: Date | null
  closedAt: Date | null
  /** The person's answer after resolution (WORKS, STILL_BLOCKED) or null. */
  confirmation: string | null
}

type Contribution = `${string}|${string}|${Measure}|${number}`

/** The stored text of the UTC hour that contains `at` (the table's key). */
export function hourOf(at: Date): string {
  const hour = new Date(at)
  hour.setUTCMinutes(0, 0, 0)
  return storedDate(hour)
}

/** The Paris day ("YYYY-MM-DD") that contains `at`. */
export function parisDayOf(at: Date): string {
  const p = parisWallClock(at)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

const msBetween = (from: Date, to: Date) => to.getTime() - from.getTime()

function contributions(t: CountedTicket | null): Contribution[] {
  if (!t) return []
  const day = parisDayOf(t.createdAt)
  const key = (measure: Measure, bin: number): Contribution => `${measure === 'REPORTS' ? hourOf(t.createdAt) : day}|${t.category}|${measure}|${bin}`
  const out = [key('REPORTS', 0)]
  if (t.firstActionAt) out.push(key('FIRST_ACTION', binOf(msBetween(t.createdAt, t.firstActionAt))))
  if (t.status === 'RESOLVED' && t.closedAt) {
    out.push(key('RESOLUTION', binOf(msBetween(t.createdAt, t.closedAt))))
    if (!t.firstActionAt || t.firstActionAt.getTime() >= t.closedAt.getTime()) out.push(key('RESOLVED_WITHOUT_ACTION', 0))
  }
  if (t.confirmation === 'WORKS') out.push(key('CONFIRMED', 0))
  return out
}

/**
 * Applies a ticket's change to the counts: `before` null for a new ticket. Unchanged contributions
 * write nothing (a note or an assignment costs no statement).
 */
export async function countTicketChange(sql: Sql, before: CountedTicket | null, after: CountedTicket): Promise<void> {
  const delta = new Map<Contribution, number>()
  for (const c of contributions(before)) delta.set(c, (delta.get(c) ?? 0) - 1)
  for (const c of contributions(after)) delta.set(c, (delta.get(c) ?? 0) + 1)
  for (const [c, n] of delta) {
    if (n === 0) continue
    const [bucket, category, measure, bin] = c.split('|') as [string, string, Measure, string]
    await sql.run(Prisma.sql`INSERT INTO "TicketHourCount" ("bucket", "category", "measure", "bin", "count")
      VALUES (${bucket}, ${category}, ${measure}, ${Number(bin)}, ${n})
      ON CONFLICT ("measure", "bucket", "category", "bin") DO UPDATE SET "count" = "TicketHourCount"."count" + excluded."count"`)
  }
}

export interface HourCountDrift {
  bucket: string
  category: string
  measure: string
  bin: number
  stored: number
  actual: number
}

/** Rows where the table differs from the tickets (empty when it is right). */
export async function findHourCountDrift(sql: Sql): Promise<HourCountDrift[]> {
  const rows = await sql.rows<{ bucket: string; category: string; measure: string; bin: number | bigint; stored: number | bigint | null; actual: number | bigint | null }>(Prisma.sql`
    WITH a AS (${Prisma.raw(computedCountsSqlOf[databaseProvider()])})
    SELECT a."bucket", a."category", a."measure", a."bin", c."count" AS "stored", a."n" AS "actual" FROM a
      LEFT JOIN "TicketHourCount" c ON c."bucket" = a."bucket" AND c."category" = a."category" AND c."measure" = a."measure" AND c."bin" = a."bin"
      WHERE c."count" IS NULL OR c."count" <> a."n"
    UNION ALL
    SELECT c."bucket", c."category", c."measure", c."bin", c."count", 0 FROM "TicketHourCount" c
      WHERE c."count" <> 0 AND NOT EXISTS (
        SELECT 1 FROM a WHERE a."bucket" = c."bucket" AND a."category" = c."category" AND a."measure" = c."measure" AND a."bin" = c."bin")`)
  return rows.map((r) => ({
    bucket: String(r.bucket), category: r.category, measure: r.measure, bin: Number(r.bin), stored: Number(r.stored ?? 0), actual: Number(r.actual ?? 0),
  }))
}

/** Rebuilds the whole table from the tickets, in the caller's transaction. */
export async function rebuildHourCounts(sql: Sql): Promise<void> {
  await sql.run(Prisma.sql`DELETE FROM "TicketHourCount"`)
  await sql.run(Prisma.raw(rebuildCountsSqlOf(databaseProvider())))
}

