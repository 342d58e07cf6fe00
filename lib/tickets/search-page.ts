import 'server-only'
import { readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { sqlDialect, type TicketSearchSource } from '@/lib/sql-dialect'

// The newest-first page of a search: the `take` newest matching tickets below `beforeId`.
//
// SQLite's FTS5 index yields its hits in descending id order, so one query reads only what the page
// shows (lib/sql-dialect.ts). PostgreSQL's GIN index yields its hits unordered: the planner either
// walks the tickets newest first testing each (fast for a word in many tickets, a scan of the
// whole table for a rare name) or gathers every hit and sorts them (fast for a rare name, every
// ticket for a word found in all). Its estimate cannot tell "Personne" from "Personne 7zz" (an
// unseen word is assumed to match 0.5%): at 1,000,000 tickets the walk was chosen for a rare name
// and took 15 s (bench/RESULTS.md). So the choice is made by looking, in at most three bounded steps:
// 1. the newest WINDOW tickets below the cursor, walked by primary key: a word in one ticket out of
//    a hundred fills the page here;
// 2. otherwise the index's hits below that window, at most PROBE of them (unordered, cheap for a
//    rare word, a short scan for a common one): all of them known → the page is read from them;
// 3. more than PROBE hits → the word is common after all (only not among the newest tickets, or the
//    filters are what is rare): walk newest first below the window, as SQLite does.

const WINDOW = 2_000
const PROBE = 5_000

type SelectRows<T> = (from: Prisma.Sql, conditions: Prisma.Sql[], take: number) => Promise<T[]>

/**
 * `select` runs `SELECT … FROM <from> … WHERE <conditions> ORDER BY <source.id> DESC LIMIT <take>`
 * (ticket alias `t`); `filters` are the page's other conditions.
 */
export async function newestSearchRows<T>(
  source: TicketSearchSource,
  filters: Prisma.Sql[],
  beforeId: number,
  take: number,
  select: SelectRows<T>,
): Promise<T[]> {
  const below = (id: number) => Prisma.sql`${source.id} < ${id}`
  if (sqlDialect().provider !== 'postgresql') return select(source.from, [source.match, ...filters, below(beforeId)], take)

  const newest = Prisma.sql`(SELECT * FROM "Ticket" WHERE "id" < ${beforeId} ORDER BY "id" DESC LIMIT ${WINDOW}) t`
  const recent = await select(newest, [source.match, ...filters], take)
  if (recent.length >= take) return recent
  const [edge] = await readRows<{ id: number }>(
    Prisma.sql`SELECT "id" FROM "Ticket" WHERE "id" < ${beforeId} ORDER BY "id" DESC OFFSET ${WINDOW - 1} LIMIT 1`,
  )
  if (!edge) return recent // the window held every ticket below the cursor
  const older = [source.match, below(edge.id)]
  const hits = await readRows<{ id: number }>(Prisma.sql`SELECT t."id" FROM "Ticket" t WHERE ${Prisma.join(older, ' AND ')} LIMIT ${PROBE + 1}`)
  if (hits.length === 0) return recent
  const rest =
    hits.length > PROBE
      ? await select(source.from, [...older, ...filters], take - recent.length)
      : await select(source.from, [Prisma.sql`t."id" = ANY(${hits.map((h) => h.id)}::integer[])`, ...filters], take - recent.length)
  return [...recent, ...rest]
}
