import 'server-only'
import type Database from 'better-sqlite3'
import type pg from 'pg'
import { checkpointOwnConnection, ownWalCheckpoints, ownWalSync, statementFor, withConnection, withPostgresTransaction } from './db'
import { Prisma } from './generated/prisma/client'
import { bindValue, sqlDialect } from './sql-dialect'

// The statements of a write, whoever runs them: the same SQL text goes through a Prisma transaction
// (`prismaSql(tx)`, for a change made inside one, e.g. a category change), through our own
// connection in a group commit (`groupCommit`, every new report, on SQLite), or through a pooled
// connection's transaction (PostgreSQL). A domain writes its rows once, against this interface.
// Parameters are bound by lib/sql-dialect.ts (dates as the stored UTC text either way).

export interface Sql {
  /** Rows of a SELECT (or of a statement with RETURNING). */
  rows<T>(query: Prisma.Sql): Promise<T[]>
  /** Runs a write; returns the number of rows changed. */
  run(query: Prisma.Sql): Promise<number>
  /** Runs an INSERT into a table with an integer "id"; returns the new row's id (RETURNING "id" is appended). */
  insert(query: Prisma.Sql): Promise<number>
}

const values = (query: Prisma.Sql) => query.values.map(bindValue)
// One SQL text for both providers: SQLite (3.35+) and PostgreSQL both return the new id this way.
const returningId = (query: Prisma.Sql) => Prisma.sql`${query} RETURNING "id"`

/** The statements of `tx`, a Prisma interactive transaction. */
export function prismaSql(tx: Prisma.TransactionClient): Sql {
  // Prisma's raw queries take the provider's placeholders: `?` for SQLite, `$1` for PostgreSQL.
  const text = (query: Prisma.Sql) => (sqlDialect().provider === 'postgresql' ? query.text : query.sql)
  return {
    rows: <T>(query: Prisma.Sql) => tx.$queryRawUnsafe<T[]>(text(query), ...values(query)),
    run: (query) => tx.$executeRawUnsafe(text(query), ...values(query)),
    insert: async (query) => {
      const [row] = await tx.$queryRawUnsafe<{ id: number | bigint }[]>(text(returningId(query)), ...values(query))
      return Number(row!.id)
    },
  }
}

function ownSql(own: Database.Database): Sql {
  return {
    rows: async <T>(query: Prisma.Sql) => statementFor(own, query.sql).all(...values(query)) as T[],
    run: async (query) => statementFor(own, query.sql).run(...values(query)).changes,
    insert: async (query) => Number((statementFor(own, returningId(query).sql).get(...values(query)) as { id: number }).id),
  }
}

/** The statements of a pooled PostgreSQL connection, inside the transaction the caller opened. */
function postgresSql(client: pg.PoolClient): Sql {
  return {
    rows: async <T>(query: Prisma.Sql) => (await client.query(query.text, values(query))).rows as T[],
    run: async (query) => (await client.query(query.text, values(query))).rowCount ?? 0,
    insert: async (query) => Number((await client.query<{ id: number }>(returningId(query).text, values(query))).rows[0]!.id),
  }
}

interface Waiting {
  work: (sql: Sql) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}
const waiting: Waiting[] = []
/** True from the first waiting write until `drain` has emptied the queue. */
let draining = false

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

/**
 * Runs the batch in one transaction. `isolated`: each item in its own savepoint, so a failed item is
 * undone alone; otherwise the first failure rolls everything back and returns null.
 */
async function runBatch(own: Database.Database, batch: Waiting[], isolated: boolean): Promise<Outcome[] | null> {
  const sql = ownSql(own)
  const exec = (text: string) => statementFor(own, text).run()
  exec('BEGIN IMMEDIATE')
  const outcomes: Outcome[] = []
  try {
    for (const item of batch) {
      if (isolated) exec('SAVEPOINT "item"')
      try {
        outcomes.push({ ok: true, value: await item.work(sql) })
        if (isolated) exec('RELEASE "item"')
      } catch (error) {
        if (!isolated) {
          exec('ROLLBACK')
          return batch.length === 1 ? [{ ok: false, error }] : null
        }
        exec('ROLLBACK TO "item"')
        exec('RELEASE "item"')
        outcomes.push({ ok: false, error })
      }
    }
    exec('COMMIT')
  } catch (error) {
    if (own.inTransaction) exec('ROLLBACK')
    throw error
  }
  return outcomes
}

/**
 * One transaction for the whole batch. First without savepoints: items almost never fail (a
 * reference collision), and a savepoint is not free (FTS5 writes its pending terms to disk at each
 * one: with a savepoint per report, every report made its own index segment, bench/RESULTS.md 2
 * December). When an item fails, the batch is rolled back and run again with a savepoint per item,
 * so only the failed one is undone. That is why `work` must act through `sql` alone: it may run twice.
 */
async function writeBatch(own: Database.Database, batch: Waiting[]): Promise<Outcome[]> {
  return (await runBatch(own, batch, false)) ?? (await runBatch(own, batch, true))!
}

// At most this many writes per transaction, and their callers answered this many at a time: each
// answer runs the rest of its request (the response written to its socket), and 50 of them in one go
// held the event loop for tens of milliseconds (bench/RESULTS.md, 2 December, event-loop p99).
const MAX_BATCH = 32
const SETTLED_PER_TURN = 16
// A batch this small is synced on the event loop (lib/wal-sync.ts `syncedNow`): at a quiet moment
// the thread pool's two switches cost more than the sync, and their delays made the tail of the
// open loop at 150 reports/s (bench/RESULTS.md, 2 December).
const SYNC_HERE_UP_TO = 2

/** Settles a committed batch's callers a few per turn of the event loop; then runs `after`, if any. */
function settleInTurns(batch: Waiting[], outcomes: Outcome[], after?: () => void, from = 0): void {
  const to = Math.min(from + SETTLED_PER_TURN, batch.length)
  for (let i = from; i < to; i++) {
    const outcome = outcomes[i]!
    if (outcome.ok) batch[i]!.resolve(outcome.value)
    else batch[i]!.reject(outcome.error)
  }
  if (to < batch.length) setImmediate(() => settleInTurns(batch, outcomes, after, to))
  else if (after) setImmediate(after)
}

/** The WAL checkpoint a batch made due, once its callers have been answered (lib/wal-checkpoint.ts). */
const checkpoint = () => void checkpointOwnConnection().catch(() => undefined)

/**
 * Commits the waiting writes batch after batch. While a batch's WAL sync runs (off the event loop,
 * lib/wal-sync.ts), the requests that arrive keep being parsed and classified and their writes
 * wait: they make the next batch, committed once that sync is done. So one commit and one sync
 * serve everything that arrived during the previous sync, as when the sync blocked COMMIT, but the
 * server is not frozen meanwhile. A batch is answered once its sync completes: a failed sync fails
 * the whole batch (its rows may not survive a power cut, so nobody is told they are stored).
 */
async function drain(): Promise<void> {
  while (waiting.length > 0) {
    const batch = waiting.splice(0, MAX_BATCH)
    let checkpointDue = false
    try {
      const outcomes = await withConnection(async (own) => {
        const outcomes = await writeBatch(own, batch)
        checkpointDue = ownWalCheckpoints().due(own)
        return outcomes
      })
      const wal = ownWalSync()
      if (!(batch.length <= SYNC_HERE_UP_TO && wal.syncedNow())) await wal.synced()
      settleInTurns(batch, outcomes, checkpointDue ? checkpoint : undefined)
    } catch (error) {
      // The commit failed (nothing of the batch is stored) or its sync did.
      batch.forEach((w) => w.reject(error))
      if (checkpointDue) checkpoint()
    }
  }
  draining = false
}

/**
 * Group commit (SQLite): the writes that arrive in the same turn of the event loop, or while the
 * previous batch is being synced, are written in ONE transaction on our own connection, so one
 * fsync covers all of them, and each caller's promise settles only after that commit is on disk (a
 * 201 still means it). When a `work` throws (a reference collision), only its rows are undone and
 * its caller gets the error. `work` must use only the `sql` it is given (the gate is held
 * meanwhile), and may run twice (writeBatch): its rows must be its only lasting effect.
 */
export function groupCommit<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  // PostgreSQL takes concurrent transactions from the pool: each write is its own (issue 18), with
  // the same promise: it settles after its commit.
  if (sqlDialect().provider === 'postgresql') return withPostgresTransaction((client) => work(postgresSql(client)))
  return new Promise<T>((resolve, reject) => {
    waiting.push({ work, resolve: resolve as (value: unknown) => void, reject })
    if (!draining) {
      draining = true
      setImmediate(() => void drain())
    }
  })
}
