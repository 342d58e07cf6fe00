// Seeds N tickets into a migrated PostgreSQL database, the same tickets as bench/seed-queue.ts (its
// generator `ticketRows`, same seed): categories, profiles, establishments, age-dependent statuses,
// assignees, creation dates over three school years, ids in creation order; then the same incidents
// and the dashboard aggregates. Rows go in 5,000 at a time as one INSERT … SELECT FROM unnest() of
// one array per column (25 parameters whatever the batch size: a multi-row VALUES of 5,000 rows would
// need 125,000, over PostgreSQL's 65,535), the next batch generated while the server stores the last.
// COPY FROM STDIN would need pg-copy-streams; the load is not where the time goes (the index builds
// are, see the timings this prints), so no new dependency for it.
// Usage: tsx bench/seed-queue-postgres.ts <postgresql url> [count]   (prints one JSON line)

import path from 'node:path'
import pg from 'pg'
import { computedCountsSqlPostgres } from '../lib/tickets/hour-count-sql'
import { storedDate } from '../lib/time/stored-date'
import {
  OPEN_INCIDENTS,
  OPEN_MEMBERS,
  RESOLVED_INCIDENTS,
  RESOLVED_MEMBERS,
  ticketColumns,
  ticketDateColumns,
  ticketRows,
  type SeedValue,
} from './seed-queue'

const DAY = 86_400_000
const BATCH = 5_000
const arrayType: Record<string, string> = { confidence: 'float8', priority: 'int4', version: 'int4' }
const typeOf = (column: string) => (ticketDateColumns.has(column) ? 'timestamp(3)' : (arrayType[column] ?? 'text'))
const insertSql = `INSERT INTO "Ticket" (${ticketColumns.map((c) => `"${c}"`).join(', ')})
  SELECT * FROM unnest(${ticketColumns.map((c, i) => `$${i + 1}::${typeOf(c)}[]`).join(', ')})`

/** Same incidents as seed-queue.ts's seedIncidents, in PostgreSQL's SQL. */
async function seedIncidents(client: pg.Client, now: number) {
  const insert = `INSERT INTO "Incident" ("id", "key", "category", "variant", "status", "published", "publicMessage", "publishedAt",
    "resolvedAt", "resolutionMessage", "firstReportAt", "lastReportAt", "createdAt", "updatedAt")
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`
  const at = storedDate(new Date(now))
  for (const [i, o] of OPEN_INCIDENTS.entries()) {
    const id = `benchincidentopen${i}`
    const published = i % 2 === 1
    await client.query(insert, [id, o.key, o.category, o.variant, 'OPEN', published, published ? 'Le problème est connu, nous y travaillons.' : null, published ? at : null, null, null, at, at, at, at])
    await client.query(
      `UPDATE "Ticket" SET "incidentId" = $1 WHERE "id" IN (SELECT "id" FROM "Ticket"
        WHERE "category" = $2 AND ($3::text IS NULL OR "profile" = $3) AND "status" IN ('NEW', 'IN_PROGRESS', 'WAITING_USER') AND "incidentId" IS NULL
        ORDER BY "id" DESC LIMIT ${OPEN_MEMBERS})`,
      [id, o.category, o.profile],
    )
  }
  for (let k = 0; k < RESOLVED_INCIDENTS; k++) {
    const id = `benchincidentresolved${k}`
    const o = OPEN_INCIDENTS[k % OPEN_INCIDENTS.length]!
    const since = storedDate(new Date(now - (k + 30) * 4 * DAY))
    await client.query(insert, [id, o.key, o.category, o.variant, 'RESOLVED', false, null, null, since, 'Corrigé côté établissement.', since, since, since, since])
    await client.query(
      `UPDATE "Ticket" SET "incidentId" = $1 WHERE "id" IN (SELECT "id" FROM "Ticket"
        WHERE "category" = $2 AND "createdAt" >= $3 AND "status" IN ('RESOLVED', 'REJECTED') AND "incidentId" IS NULL
        ORDER BY "createdAt", "id" LIMIT ${RESOLVED_MEMBERS})`,
      [id, o.category, since],
    )
  }
  await client.query(`UPDATE "Incident" SET
    "firstReportAt" = coalesce((SELECT min("createdAt") FROM "Ticket" WHERE "incidentId" = "Incident"."id"), "firstReportAt"),
    "lastReportAt" = coalesce((SELECT max("createdAt") FROM "Ticket" WHERE "incidentId" = "Incident"."id"), "lastReportAt")`)
  await client.query(`UPDATE "Incident" SET "resolvedAt" = "lastReportAt" WHERE "status" = 'RESOLVED'`)
}

/** Loads the tickets, 5,000 a statement, generating the next batch while the server stores this one. */
async function loadTickets(client: pg.Client, count: number, seed: number, now: number, staffIds: string[]) {
  const rows = ticketRows(count, seed, now, staffIds)
  const toText = ticketColumns.map((c) => ticketDateColumns.has(c))
  let pending: Promise<unknown> = Promise.resolve()
  for (let from = 0; from < count; from += BATCH) {
    const columns: SeedValue[][] = ticketColumns.map(() => [])
    for (let i = from; i < Math.min(count, from + BATCH); i++) {
      const row = rows.next().value as SeedValue[]
      for (let k = 0; k < row.length; k++) columns[k]!.push(toText[k] && row[k] !== null ? storedDate(new Date(row[k] as number)) : row[k]!)
    }
    await pending
    pending = client.query(insertSql, columns)
  }
  await pending
}

export interface PostgresSeedResult {
  tickets: number
  seconds: number
  /** Where the time went, in seconds. */
  steps: Record<string, number>
}

/** `now`: the seed's clock (ticket ages and statuses depend on it); fixed by the test that checks the seed. */
export async function seedQueuePostgres(url: string, count: number, seed = 42, now = Date.now()): Promise<PostgresSeedResult> {
  const t0 = performance.now()
  const steps: Record<string, number> = {}
  let mark = performance.now()
  const step = (name: string) => {
    steps[name] = Math.round((performance.now() - mark) / 100) / 10
    mark = performance.now()
  }
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' })
  await client.connect()
  try {
    // The bench's own bulk load, not a user's report: no wait for each commit's flush (the server's
    // settings stay durable), and memory for the index builds. Both for this session only.
    await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '512MB'`)
    const staffIds = Array.from({ length: 6 }, (_, i) => `benchagent${i}`)
    for (const [i, id] of staffIds.entries()) {
      await client.query(
        `INSERT INTO "StaffUser" ("id", "email", "name", "role", "passwordHash", "createdAt", "updatedAt") VALUES ($1, $2, $3, 'AGENT', 'unusable', $4, $4)
          ON CONFLICT DO NOTHING`,
        [id, `agent${i}@bench.test`, `Agent ${i}`, storedDate(new Date(now))],
      )
    }
    // Indexes (the search index included) and foreign keys are dropped during the load and re-created
    // from their own definitions afterwards: one sort or one check pass each instead of a million
    // index inserts and trigger calls. The schema ends exactly as migrated.
    const { rows: indexes } = await client.query<{ name: string; sql: string }>(`SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = 'Ticket' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`)
    const { rows: foreignKeys } = await client.query<{ name: string; sql: string }>(`SELECT conname AS name, pg_get_constraintdef(oid) AS sql
      FROM pg_constraint WHERE conrelid = '"Ticket"'::regclass AND contype = 'f'`)
    for (const fk of foreignKeys) await client.query(`ALTER TABLE "Ticket" DROP CONSTRAINT "${fk.name}"`)
    for (const ix of indexes) await client.query(`DROP INDEX "${ix.name}"`)
    step('setup')
    await loadTickets(client, count, seed, now, staffIds)
    step('tickets')
    for (const ix of indexes) await client.query(ix.sql)
    step('indexes')
    // Statistics before the incidents' queries, or the planner guesses their plans on an unknown table.
    await client.query('ANALYZE "Ticket"')
    step('analyze')
    for (const fk of foreignKeys) await client.query(`ALTER TABLE "Ticket" ADD CONSTRAINT "${fk.name}" ${fk.sql}`)
    step('foreign keys')
    await seedIncidents(client, now)
    step('incidents')
    // The dashboard aggregates, as the write path keeps them (lib/tickets/hour-counts.ts).
    await client.query(`DELETE FROM "TicketHourCount"`)
    await client.query(`INSERT INTO "TicketHourCount" ("bucket", "category", "measure", "bin", "count") SELECT * FROM (${computedCountsSqlPostgres}) AS counts`)
    step('aggregates')
    // What autovacuum would do after such a load, done now so the timings do not depend on when it
    // runs: statistics for the planner, and the visibility map for index-only scans.
    await client.query('VACUUM (ANALYZE)')
    step('vacuum analyze')
  } finally {
    await client.end()
  }
  return { tickets: count, seconds: (performance.now() - t0) / 1000, steps }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const [url, count] = process.argv.slice(2)
  if (!url) throw new Error('usage: tsx bench/seed-queue-postgres.ts <postgresql url> [count]')
  seedQueuePostgres(url, Number(count ?? 1_000_000)).then((result) => console.log(JSON.stringify(result)))
}
