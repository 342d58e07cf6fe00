import 'server-only'
import type Database from 'better-sqlite3'
import { bindable, statementFor, withConnection } from './db'
import type { Prisma } from './generated/prisma/client'

// The statements of a write, whoever runs them: the same SQL text goes through a Prisma transaction
// (`prismaSql(tx)`, for a change made inside one, e.g. a category change) or through our own
// connection in a group commit (`groupCommit`, every new report). A domain writes its rows once,
// against this interface. Dates are bound as the stored text (lib/time/stored-date.ts) either way.

export interface Sql {
  /** Rows of a SELECT (or of a statement with RETURNING). */
  rows<T>(query: Prisma.Sql): Promise<T[]>
  /** Runs a write; returns the number of rows changed. */
  run(query: Prisma.Sql): Promise<number>
  /** Runs an INSERT; returns the new row's integer id. */
  insert(query: Prisma.Sql): Promise<number>
}

const values = (query: Prisma.Sql) => query.values.map(bindable)

/** The statements of `tx`, a Prisma interactive transaction. */
export function prismaSql(tx: Prisma.TransactionClient): Sql {
  return {
    rows: <T>(query: Prisma.Sql) => tx.$queryRawUnsafe<T[]>(query.sql, ...values(query)),
    run: (query) => tx.$executeRawUnsafe(query.sql, ...values(query)),
    insert: async (query) => {
      await tx.$executeRawUnsafe(query.sql, ...values(query))
      const [row] = await tx.$queryRawUnsafe<{ id: number | bigint }[]>('SELECT last_insert_rowid() AS "id"')
      return Number(row!.id)
    },
  }
}

function ownSql(own: Database.Database): Sql {
  return {
    rows: async <T>(query: Prisma.Sql) => statementFor(own, query.sql).all(...values(query)) as T[],
    run: async (query) => statementFor(own, query.sql).run(...values(query)).changes,
    insert: async (query) => Number(statementFor(own, query.sql).run(...values(query)).lastInsertRowid),
  }
}

interface Waiting {
  work: (sql: Sql) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}
let waiting: Waiting[] = []

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

/** One transaction for the whole batch, one savepoint per item: a failed item is undone alone. */
async function writeBatch(own: Database.Database, batch: Waiting[]): Promise<Outcome[]> {
  const sql = ownSql(own)
  const exec = (text: string) => statementFor(own, text).run()
  exec('BEGIN IMMEDIATE')
  const outcomes: Outcome[] = []
  try {
    for (const item of batch) {
      exec('SAVEPOINT "item"')
      try {
        outcomes.push({ ok: true, value: await item.work(sql) })
        exec('RELEASE "item"')
      } catch (error) {
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

function flush(): void {
  const batch = waiting
  waiting = []
  withConnection((own) => writeBatch(own, batch)).then(
    (outcomes) =>
      outcomes.forEach((outcome, i) => (outcome.ok ? batch[i]!.resolve(outcome.value) : batch[i]!.reject(outcome.error))),
    (error: unknown) => batch.forEach((w) => w.reject(error)), // the commit failed: nothing of the batch is stored
  )
}

/**
 * Group commit: the writes that arrive in the same turn of the event loop are written in ONE
 * transaction on our own connection, so one fsync (synchronous=FULL) covers all of them, and each
 * caller's promise settles only after that commit (a 201 still means "on disk"). Each `work` runs
 * in its own savepoint: when it throws (a reference collision), only its rows are undone and its
 * caller gets the error. `work` must use only the `sql` it is given: the gate is held meanwhile.
 */
export function groupCommit<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const item: Waiting = { work, resolve: resolve as (value: unknown) => void, reject }
    if (waiting.push(item) === 1) setImmediate(flush)
  })
}
