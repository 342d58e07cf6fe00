// The bare stack's write path: the very rows createReport writes (bench/raw-writer.ts: the
// ticket, its CREATED event and, for an ENT identity report, its EntFailure record), on a plain
// better-sqlite3 connection with lib/db.ts's settings.

import Database from 'better-sqlite3'
import type { NewTicket } from './raw-writer'
import { storedDate } from '../lib/time/stored-date'

/** Prisma's SQLite DateTime text format (what the app itself writes), from epoch milliseconds. */
export const prismaDate = (ms: number) => storedDate(new Date(ms))

/** Opens a connection with lib/db.ts's per-connection settings. */
export function openDatabase(file: string): Database.Database {
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  return sqlite
}

/**
 * Group commit, as createReport does since it writes through prepared statements (lib/reports/
 * mutations.ts): the reports that reach the store in one turn of the event loop are written in ONE
 * transaction (one fsync with synchronous=FULL), each in its own savepoint, and each caller is
 * answered only after that commit. Returns `submit(report, done)`; `done(error?)` runs after the commit.
 */
export function groupCommit(sqlite: Database.Database, store: (r: NewTicket) => void) {
  let waiting: { report: NewTicket; done: (error?: unknown) => void }[] = []
  const all = sqlite.transaction((batch: NewTicket[]) =>
    batch.map((r): unknown => {
      try {
        store(r)
        return undefined
      } catch (error) {
        return error ?? new Error('store failed')
      }
    }),
  )
  const flush = () => {
    const batch = waiting
    waiting = []
    let errors: unknown[]
    try {
      errors = all.immediate(batch.map((w) => w.report))
    } catch (error) {
      for (const w of batch) w.done(error) // the commit itself failed: nothing of the batch is stored
      return
    }
    batch.forEach((w, i) => w.done(errors[i]))
  }
  return (report: NewTicket, done: (error?: unknown) => void) => {
    if (waiting.push({ report, done }) === 1) setImmediate(flush)
  }
}
