import 'server-only'
import type Database from 'better-sqlite3'

// The WAL checkpoints of our own connection (SQLite), after a batch's answers instead of inside
// its COMMIT. SQLite checkpoints on the committing connection once the WAL holds 1,000 pages: it
// copies them into the database file and syncs both files, there and then, and better-sqlite3 is
// synchronous: the reports of the batch whose COMMIT crossed the line waited for it before their
// 201. A single report writes ~40 pages (the ticket, its 18 indexes, its FTS5 segment, its event,
// the outbox row), so at 150 reports/s one report in ~25 paid for a checkpoint (bench/RESULTS.md,
// 2 December: COMMIT p99 4.2 ms and max 28 ms against 0.24 ms at p50). Here the connection's own
// threshold is twice the usual (a safety net), and once a batch's answers have gone out, a PASSIVE
// checkpoint runs if the WAL holds 1,000 pages not yet in the database file: the same rhythm and
// the same WAL size as before, off the path of the reports. The count is SQLite's own
// (`wal_checkpoint(NOOP)`, which only reads it), taken after each COMMIT.

/** Pages of the WAL not yet in the database file that call for a checkpoint (SQLite's default). */
export const CHECKPOINT_PAGES = 1000
/** Our connection's own automatic threshold: only a safety net while the deferred checkpoints run. */
export const AUTOCHECKPOINT_BACKSTOP = 2 * CHECKPOINT_PAGES

interface CheckpointResult {
  busy: number
  log: number
  checkpointed: number
}

export interface WalCheckpoints {
  /** After a COMMIT on `own`: true when a checkpoint is now due (once, until it has run). */
  due(own: Database.Database): boolean
  /** Runs the checkpoint on `own` (PASSIVE: it never waits for a reader or a writer). */
  checkpoint(own: Database.Database): void
  stats(): { checkpoints: number }
}

export function walCheckpoints(): WalCheckpoints {
  let pending = false
  let checkpoints = 0
  const frames = (own: Database.Database, mode: 'NOOP' | 'PASSIVE') => (own.pragma(`wal_checkpoint(${mode})`) as CheckpointResult[])[0]
  return {
    due(own) {
      if (pending) return false
      const wal = frames(own, 'NOOP')
      return (pending = !!wal && wal.log - wal.checkpointed >= CHECKPOINT_PAGES)
    },
    checkpoint(own) {
      pending = false
      frames(own, 'PASSIVE')
      checkpoints++
    },
    stats: () => ({ checkpoints }),
  }
}
