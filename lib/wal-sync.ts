import 'server-only'
import fs from 'node:fs'
import type { FileHandle } from 'node:fs/promises'

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
// The WAL file stays open between syncs: an open and a close each cost a trip through the thread
// pool, and under load each trip waits its turn (bench/RESULTS.md, 2 December: the sync's p99 went
// from 11.9 to 7.1 ms at 150 reports/s). SQLite rewrites the WAL in place; only when it deletes and
// recreates it (every connection closed) is the new file, a new inode, opened instead.
// Rows of a committed batch are visible to readers a few milliseconds before they are durable, as
// with any group commit; nobody has been told they are stored until they are.

export interface WalSync {
  /** Resolves once every commit made before this call is on disk. */
  synced(): Promise<void>
  /**
   * Syncs now, on this thread, when no sync is running and the WAL file is open already: true when
   * every commit made before the call is on disk. For a batch of one or two reports (a quiet
   * moment), a sync of ~0.4 ms costs less than the two thread switches of `synced()`.
   */
  syncedNow(): boolean
  /** Syncs started and completed so far (tests check that an acknowledgement waited for one). */
  stats(): { started: number; completed: number; opened: number }
  /** Closes the WAL file kept open (the database is closing). */
  close(): Promise<void>
}

export function walSync(databaseFile: string): WalSync {
  const walFile = `${databaseFile}-wal`
  let running: Promise<void> | null = null
  let queued: Promise<void> | null = null
  let started = 0
  let completed = 0
  let opened = 0
  let held: { file: FileHandle; dev: number; ino: number } | null = null

  /** The file kept open when it is still the one at the WAL's path (throws when there is none). */
  function heldFile(): FileHandle | null {
    const { dev, ino } = fs.statSync(walFile)
    return held && held.dev === dev && held.ino === ino ? held.file : null
  }

  /** The WAL file kept open, or the file now at its path when that is another one. */
  async function walFileHandle(): Promise<FileHandle> {
    const current = heldFile()
    if (current) return current
    const previous = held
    held = null
    await previous?.file.close().catch(() => undefined)
    const file = await fs.promises.open(walFile, 'r+')
    opened++
    const stat = await file.stat()
    held = { file, dev: stat.dev, ino: stat.ino }
    return file
  }

  async function syncOnce(): Promise<void> {
    started++
    await (await walFileHandle()).datasync()
    completed++
  }

  function syncedNow(): boolean {
    const file = running || !held ? null : heldFile()
    if (!file) return false
    started++
    fs.fdatasyncSync(file.fd)
    completed++
    return true
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

  async function close(): Promise<void> {
    await (running ?? Promise.resolve()).catch(() => undefined)
    const previous = held
    held = null
    await previous?.file.close()
  }

  return { synced, syncedNow, stats: () => ({ started, completed, opened }), close }
}
