import 'server-only'
import fs from 'node:fs/promises'

// The durability of the group commit on SQLite (lib/db-write.ts), without blocking the event loop.
//
// With synchronous=FULL, SQLite calls fsync on the WAL file inside COMMIT: better-sqlite3 is
// synchronous, so the whole server waited for the disk on every batch (bench/RESULTS.md, issue 17:
// the fsync was ~7% of the submission profile and every request in flight waited behind it). Our
// own connection commits with synchronous=NORMAL instead (WAL frames written, not yet flushed), and
// each batch's callers are answered only after an fdatasync of the WAL file that STARTED AFTER their
// COMMIT has completed, on libuv's thread pool. That is the guarantee FULL gives, a 201 still
// means "on disk", while the event loop goes on parsing and classifying the next requests. Syncs
// coalesce: batches committed while one sync runs share the next one. (fsync applies to the file,
// whatever descriptor it is called on; SQLite itself syncs the WAL before every checkpoint.)
// Rows of a committed batch are visible to readers a few milliseconds before they are durable, as
// with any group commit; nobody has been told they are stored until they are.

export interface WalSync {
  /** Resolves once every commit made before this call is on disk. */
  synced(): Promise<void>
  /** Syncs started and completed so far (tests check that an acknowledgement waited for one). */
  stats(): { started: number; completed: number }
}

export function walSync(databaseFile: string): WalSync {
  const walFile = `${databaseFile}-wal`
  let running: Promise<void> | null = null
  let queued: Promise<void> | null = null
  let started = 0
  let completed = 0

  async function syncOnce(): Promise<void> {
    started++
    const file = await fs.open(walFile, 'r+')
    try {
      await file.datasync()
    } finally {
      await file.close()
    }
    completed++
  }

  function synced(): Promise<void> {
    if (!running) {
      running = syncOnce().finally(() => (running = null))
      return running
    }
    // The sync in flight may have started before the caller's commit: wait for the next one.
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null
        return synced()
      })
    return queued
  }

  return { synced, stats: () => ({ started, completed }) }
}
