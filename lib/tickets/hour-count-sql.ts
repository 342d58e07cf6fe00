import type { DatabaseProvider } from '../../scripts/database-provider.mjs'

// The dashboard aggregates' pure half (see hour-counts.ts): the measures, the duration bins and the
// SQL that computes every ticket's contributions from the stored columns, shared by the repair, its
// check, the migration's backfill and the bench's bulk load, one statement per provider (issue 18):
// both give the same rows. Durations are compared in whole milliseconds on every side (JavaScript,
// SQLite, PostgreSQL), so a bin never differs by a rounding.
// Buckets: REPORTS by UTC hour (the series' resolution; Paris is a whole number of hours from UTC, so
// a UTC hour is a Paris hour); the duration measures by Paris day (a period is whole Paris days, and
// per-hour bins would hold almost one row per ticket). SQLite knows no time zones: its SQL applies
// the EU rule Paris follows (summer time from the last Sunday of March to the last Sunday of October,
// 01:00 UTC), which agrees with the time-zone database the JavaScript side uses since 1996;
// PostgreSQL converts with that database itself (AT TIME ZONE 'Europe/Paris').

export const measures = ['REPORTS', 'FIRST_ACTION', 'RESOLUTION', 'RESOLVED_WITHOUT_ACTION', 'CONFIRMED'] as const
export type Measure = (typeof measures)[number]

/**
 * Upper bounds (exclusive, minutes) of the duration bins; the last bin is open. Percentiles are
 * interpolated inside a bin, so a median is exact to its bin: within 5 minutes up to an hour, within
 * a third of its value beyond (consecutive bounds grow by at most 1.5×).
 */
export const durationBins = [
  5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1080, 1440, 2160, 2880, 4320, 6480, 10080, 15120, 20160, 30240, 43200,
] as const

/** The bin of a duration in milliseconds. */
export function binOf(ms: number): number {
  const i = durationBins.findIndex((bound) => ms < bound * 60_000)
  return i === -1 ? durationBins.length : i
}

const bin = (elapsed: string) => `CASE ${durationBins.map((bound, i) => `WHEN ${elapsed} < ${bound * 60_000} THEN ${i}`).join(' ')} ELSE ${durationBins.length} END`

/** The provider's expressions on the Ticket columns that the shared statement below is made of. */
interface CountExpressions {
  /** The UTC hour of "createdAt" as the write path keys it (lib/time/stored-date.ts). */
  hour: string
  /** The Paris day ("YYYY-MM-DD") of "createdAt". */
  parisDay: string
  /** A date column in whole milliseconds since the epoch. */
  ms(column: string): string
  /** True when the person confirmed "ça marche" (false, not null, when there is no answer). */
  works: string
}

/**
 * Every ticket's contributions, summed: rows (bucket, category, measure, bin, n). One pass over the
 * tickets computes each date once (materialised), then each measure groups those rows.
 */
const computedCounts = ({ hour, parisDay, ms, works }: CountExpressions) => `
  WITH t AS MATERIALIZED (
    SELECT ${hour} AS "h", ${parisDay} AS "d", "category" AS "c", "status" = 'RESOLVED' AND "closedAt" IS NOT NULL AS "r",
      ${ms('firstActionAt')} - ${ms('createdAt')} AS "f", ${ms('closedAt')} - ${ms('createdAt')} AS "z",
      ${works} AS "w"
    FROM "Ticket")
  SELECT "h" AS "bucket", "c" AS "category", 'REPORTS' AS "measure", 0 AS "bin", COUNT(*) AS "n" FROM t GROUP BY 1, 2
  UNION ALL SELECT "d", "c", 'FIRST_ACTION', ${bin('"f"')}, COUNT(*) FROM t WHERE "f" IS NOT NULL GROUP BY 1, 2, 4
  UNION ALL SELECT "d", "c", 'RESOLUTION', ${bin('"z"')}, COUNT(*) FROM t WHERE "r" GROUP BY 1, 2, 4
  UNION ALL SELECT "d", "c", 'RESOLVED_WITHOUT_ACTION', 0, COUNT(*) FROM t WHERE "r" AND ("f" IS NULL OR "f" >= "z") GROUP BY 1, 2
  UNION ALL SELECT "d", "c", 'CONFIRMED', 0, COUNT(*) FROM t WHERE "w" GROUP BY 1, 2`

// SQLite: dates are ISO 8601 text ending "+00:00"; date() and unixepoch() read it.
const lastSunday = (month: string) => `date(substr("createdAt", 1, 4) || '-${month}-31', '-6 days', 'weekday 0') || 'T01:00:00'`

/** The contributions' statement on SQLite. */
export const computedCountsSql = computedCounts({
  hour: `substr("createdAt", 1, 13) || ':00:00.000+00:00'`,
  parisDay: `date("createdAt", CASE WHEN "createdAt" >= ${lastSunday('03')} AND "createdAt" < ${lastSunday('10')} THEN '+2 hours' ELSE '+1 hours' END)`,
  ms: (column) => `CAST(round(unixepoch("${column}", 'subsec') * 1000) AS INTEGER)`,
  works: `"confirmation" IS 'WORKS'`,
})

/**
 * The contributions' statement on PostgreSQL: dates are "timestamp(3)" columns holding UTC, so
 * `AT TIME ZONE 'UTC'` makes them instants and `AT TIME ZONE 'Europe/Paris'` the Paris wall clock.
 */
export const computedCountsSqlPostgres = computedCounts({
  hour: `to_char("createdAt", 'YYYY-MM-DD"T"HH24:00:00.000+00:00')`,
  parisDay: `to_char(("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')`,
  ms: (column) => `round(extract(epoch FROM "${column}") * 1000)::bigint`,
  works: `coalesce("confirmation" = 'WORKS', FALSE)`,
})

/** The contributions' statement of each provider. */
export const computedCountsSqlOf: Record<DatabaseProvider, string> = {
  sqlite: computedCountsSql,
  postgresql: computedCountsSqlPostgres,
}

/** The rebuild as one statement of `provider` (the table emptied first). */
export const rebuildCountsSqlOf = (provider: DatabaseProvider) =>
  `INSERT INTO "TicketHourCount" ("bucket", "category", "measure", "bin", "count") SELECT * FROM (${computedCountsSqlOf[provider]}) AS "counts"`

/** The rebuild on SQLite (the bench's bulk load of its SQLite database). */
export const rebuildCountsSql = rebuildCountsSqlOf('sqlite')
