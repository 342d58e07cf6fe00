// The dashboard aggregates of every ticket, in PostgreSQL's SQL, for the bench's bulk load: the same
// rows as computedCountsSql of lib/tickets/hour-count-sql.ts (that file says what each measure is),
// with PostgreSQL's own time-zone support for the Paris day instead of SQLite's hand-written EU rule.
// Buckets are the stored text the write path keys them by (lib/time/stored-date.ts).

import { durationBins } from '../lib/tickets/hour-count-sql'

const hour = `to_char("createdAt", 'YYYY-MM-DD"T"HH24:00:00.000+00:00')`
const parisDay = `to_char(("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')`
const ms = (column: string) => `round(extract(epoch FROM "${column}") * 1000)::bigint`
const bin = (elapsed: string) => `CASE ${durationBins.map((bound, i) => `WHEN ${elapsed} < ${bound * 60_000} THEN ${i}`).join(' ')} ELSE ${durationBins.length} END`

/** Rows (bucket, category, measure, bin, n) summed over every ticket, one pass over the table. */
export const computedCountsSqlPostgres = `
  WITH t AS MATERIALIZED (
    SELECT ${hour} AS "h", ${parisDay} AS "d", "category" AS "c", "status" = 'RESOLVED' AND "closedAt" IS NOT NULL AS "r",
      ${ms('firstActionAt')} - ${ms('createdAt')} AS "f", ${ms('closedAt')} - ${ms('createdAt')} AS "z",
      coalesce("confirmation" = 'WORKS', FALSE) AS "w"
    FROM "Ticket")
  SELECT "h" AS "bucket", "c" AS "category", 'REPORTS' AS "measure", 0 AS "bin", COUNT(*) AS "n" FROM t GROUP BY 1, 2
  UNION ALL SELECT "d", "c", 'FIRST_ACTION', ${bin('"f"')}, COUNT(*) FROM t WHERE "f" IS NOT NULL GROUP BY 1, 2, 4
  UNION ALL SELECT "d", "c", 'RESOLUTION', ${bin('"z"')}, COUNT(*) FROM t WHERE "r" GROUP BY 1, 2, 4
  UNION ALL SELECT "d", "c", 'RESOLVED_WITHOUT_ACTION', 0, COUNT(*) FROM t WHERE "r" AND ("f" IS NULL OR "f" >= "z") GROUP BY 1, 2
  UNION ALL SELECT "d", "c", 'CONFIRMED', 0, COUNT(*) FROM t WHERE "w" GROUP BY 1, 2`
