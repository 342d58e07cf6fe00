import 'server-only'
import type { Sql } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import { storedDate } from '@/lib/time/stored-date'

// Reports per hour and category (issue 16): the dashboard's series at 1,000,000 tickets read a few
// thousand rows of this table instead of counting tickets. It is part of the ticket's write path, so
// it changes in the same transaction as the ticket (a new report in its group-commit savepoint, a
// category change in the agent's transaction) and can never drift by a crash in between. Paris is a
// whole number of hours from UTC, so a UTC hour is a Paris hour and Paris days are sums of them.
// `npm run stats:repair` rebuilds it (after a manual edit of Ticket, or to check it).

/** The stored text of the UTC hour that contains `at` (the table's key). */
export function hourOf(at: Date): string {
  const hour = new Date(at)
  hour.setUTCMinutes(0, 0, 0)
  return storedDate(hour)
}

/** The same hour text computed in SQL from a stored date column (see lib/time/stored-date.ts). */
const hourSql = (column: string) => Prisma.raw(`substr(${column}, 1, 13) || ':00:00.000+00:00'`)

/** Adds `delta` reports of `category` to the hour of `createdAt`. */
export async function countReport(sql: Sql, createdAt: Date, category: string, delta: 1 | -1): Promise<void> {
  await sql.run(Prisma.sql`INSERT INTO "TicketHourCount" ("hour", "category", "count") VALUES (${hourOf(createdAt)}, ${category}, ${delta})
    ON CONFLICT ("hour", "category") DO UPDATE SET "count" = "count" + excluded."count"`)
}

/** Moves one report of the hour of `createdAt` from one category to another. */
export async function moveReport(sql: Sql, createdAt: Date, from: string, to: string): Promise<void> {
  if (from === to) return
  await countReport(sql, createdAt, from, -1)
  await countReport(sql, createdAt, to, 1)
}

export interface HourCountDrift {
  hour: string
  category: string
  stored: number
  actual: number
}

/** Buckets where the table differs from a count of the tickets (empty when it is right). */
export async function findHourCountDrift(sql: Sql): Promise<HourCountDrift[]> {
  const actual = Prisma.sql`SELECT ${hourSql('"createdAt"')} AS "hour", "category", COUNT(*) AS "n" FROM "Ticket" GROUP BY 1, 2`
  const rows = await sql.rows<{ hour: string; category: string; stored: number | bigint | null; actual: number | bigint | null }>(Prisma.sql`
    WITH a AS (${actual})
    SELECT a."hour", a."category", c."count" AS "stored", a."n" AS "actual" FROM a
      LEFT JOIN "TicketHourCount" c ON c."hour" = a."hour" AND c."category" = a."category"
      WHERE c."count" IS NULL OR c."count" <> a."n"
    UNION ALL
    SELECT c."hour", c."category", c."count", 0 FROM "TicketHourCount" c
      WHERE c."count" <> 0 AND NOT EXISTS (SELECT 1 FROM a WHERE a."hour" = c."hour" AND a."category" = c."category")`)
  return rows.map((r) => ({ hour: String(r.hour), category: r.category, stored: Number(r.stored ?? 0), actual: Number(r.actual ?? 0) }))
}

/** Rebuilds the whole table from the tickets, in the caller's transaction. */
export async function rebuildHourCounts(sql: Sql): Promise<void> {
  await sql.run(Prisma.sql`DELETE FROM "TicketHourCount"`)
  await sql.run(Prisma.sql`INSERT INTO "TicketHourCount" ("hour", "category", "count")
    SELECT ${hourSql('"createdAt"')}, "category", COUNT(*) FROM "Ticket" GROUP BY 1, 2`)
}
