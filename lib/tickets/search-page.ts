import 'server-only'
import { readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { sqlDialect, type TicketSearchSource } from '@/lib/sql-dialect'

// The newest-first page of a search: the `take` newest matching tickets below `beforeId`.
//
// SQLite's FTS5 index yields its hits in descending id order, so one query reads only what the page
// shows (lib/sql-dialect.ts). One word is read that way. Several words are an AND, and FTS5 walks
// backwards through a long doclist slowly when it skips ("personne" in every ticket, skipping to
// the few that also hold a rare login: 0.4–0.9 ms at 1,000,000 tickets, 0.06–0.2 forwards,
// bench/RESULTS.md). So the hits below the cursor are first read forwards, at most SQLITE_PROBE
// of them: all of them known → the page is read from them; more → the words are common together,
// and the backward walk fills the page from the newest tickets.
//
// PostgreSQL's GIN index yields its hits unordered: the planner either walks the tickets newest
// first testing each (fast for a word in many tickets, a scan of the whole table for a rare name)
// or gathers every hit and sorts them (fast for a rare name, every ticket for a word found in all).
// Its estimate cannot tell "Personne" from "Personne 7zz" (an unseen word is assumed to match
// 0.5%): at 1,000,000 tickets the walk was chosen for a rare name and took 15 s (bench/RESULTS.md).
// So the choice is made by looking, in at most three bounded steps:
// 1. the newest WINDOW tickets below the cursor, walked by primary key: a word in one ticket out of
//    a hundred fills the page here;
// 2. otherwise the index's hits below that window, at most PROBE of them (unordered, cheap for a
//    rare word, a short scan for a common one): all of them known → the page is read from them;
// 3. more than PROBE hits → the word is common after all (only not among the newest tickets, or the
//    filters are what is rare): walk newest first below the window, as SQLite does.

const WINDOW = 2_000
const PROBE = 5_000
const SQLITE_PROBE = 200

/**
 * `select` runs `SELECT … FROM <from> … WHERE <conditions> ORDER BY <id> DESC LIMIT <take>`
 * (ticket alias `t`).
 */
type SelectRows<T> = (from: Prisma.Sql, conditions: Prisma.Sql[], take: number, id: Prisma.Sql) => Promise<T[]>

const below = (id: Prisma.Sql, beforeId: number) => Prisma.sql`${id} < ${beforeId}`

/** The page from known hits (`among`, a condition on `t."id"`): those that pass the other `filters`, newest first. */
function fromHits<T>(among: Prisma.Sql, filters: Prisma.Sql[], take: number, select: SelectRows<T>): Promise<T[]> {
  return select(Prisma.sql`"Ticket" t`, [among, ...filters], take, Prisma.sql`t."id"`)
}

const ids = (hits: { id: number }[]) => hits.map((h) => h.id)

interface PageRequest<T> {
  source: TicketSearchSource
  /** The page's other conditions. */
  filters: Prisma.Sql[]
  beforeId: number
  take: number
  select: SelectRows<T>
}

/** The `take` newest tickets below `beforeId` that match `source` and pass `filters`. */
export function newestSearchRows<T>(source: TicketSearchSource, filters: Prisma.Sql[], beforeId: number, take: number, select: SelectRows<T>): Promise<T[]> {
  const page = { source, filters, beforeId, take, select }
  return sqlDialect().provider === 'postgresql' ? postgresSearchRows(page) : sqliteSearchRows(page)
}

async function sqliteSearchRows<T>({ source, filters, beforeId, take, select }: PageRequest<T>): Promise<T[]> {
  const walk = () => select(source.from, [source.match, ...filters, below(source.id, beforeId)], take, source.id)
  if (source.words < 2) return walk()
  const hits = await readRows<{ id: number }>(
    Prisma.sql`SELECT ${source.id} AS "id" FROM ${source.index} WHERE ${source.match} AND ${below(source.id, beforeId)}
               ORDER BY ${source.id} LIMIT ${SQLITE_PROBE + 1}`,
  )
  if (hits.length > SQLITE_PROBE) return walk()
  return hits.length === 0 ? [] : fromHits(Prisma.sql`t."id" IN (${sqlDialect().integerRows(ids(hits))})`, filters, take, select)
}

async function postgresSearchRows<T>({ source, filters, beforeId, take, select }: PageRequest<T>): Promise<T[]> {
  const newest = Prisma.sql`(SELECT * FROM "Ticket" WHERE "id" < ${beforeId} ORDER BY "id" DESC LIMIT ${WINDOW}) t`
  const recent = await select(newest, [source.match, ...filters], take, source.id)
  if (recent.length >= take) return recent
  const [edge] = await readRows<{ id: number }>(
    Prisma.sql`SELECT "id" FROM "Ticket" WHERE "id" < ${beforeId} ORDER BY "id" DESC OFFSET ${WINDOW - 1} LIMIT 1`,
  )
  if (!edge) return recent // the window held every ticket below the cursor
  const older = [source.match, below(source.id, edge.id)]
  const hits = await readRows<{ id: number }>(Prisma.sql`SELECT ${source.id} AS "id" FROM ${source.index} WHERE ${Prisma.join(older, ' AND ')} LIMIT ${PROBE + 1}`)
  if (hits.length === 0) return recent
  const rest =
    hits.length > PROBE
      ? await select(source.from, [...older, ...filters], take - recent.length, source.id)
      : await fromHits(Prisma.sql`t."id" = ANY(${ids(hits)}::integer[])`, filters, take - recent.length, select)
  return [...recent, ...rest]
}
