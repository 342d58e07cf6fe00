import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { walSync } from '@/lib/wal-sync'

// lib/wal-sync.ts keeps the WAL file open between syncs (one trip through the thread pool per sync
// instead of three), and must never sync a file SQLite has replaced.

const dirs: string[] = []
function databaseFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-wal-sync-'))
  dirs.push(dir)
  const file = path.join(dir, 'app.db')
  fs.writeFileSync(`${file}-wal`, 'frames')
  return file
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('walSync', () => {
  it('opens the WAL file once for successive syncs', async () => {
    const wal = walSync(databaseFile())
    await wal.synced()
    await wal.synced()
    await Promise.all([wal.synced(), wal.synced(), wal.synced()])
    expect(wal.stats()).toMatchObject({ opened: 1 })
    expect(wal.stats().completed).toBeGreaterThanOrEqual(3)
    await wal.close()
  })

  it('opens the new file when the WAL has been deleted and created again', async () => {
    const file = databaseFile()
    const wal = walSync(file)
    await wal.synced()
    fs.rmSync(`${file}-wal`)
    fs.writeFileSync(`${file}-wal`, 'new frames')
    await wal.synced()
    expect(wal.stats().opened).toBe(2)
    fs.rmSync(`${file}-wal`)
    await expect(wal.synced()).rejects.toThrow(/ENOENT/)
    await wal.close()
  })

  it('syncs on the calling thread once the file is open and no sync runs; otherwise says it did not', async () => {
    const file = databaseFile()
    const wal = walSync(file)
    expect(wal.syncedNow()).toBe(false) // not open yet: the caller waits for synced()
    await wal.synced()
    const before = wal.stats()
    expect(wal.syncedNow()).toBe(true)
    expect(wal.stats()).toMatchObject({ started: before.started + 1, completed: before.completed + 1, opened: 1 })
    const running = wal.synced()
    expect(wal.syncedNow()).toBe(false) // one is running: the caller waits for the next
    await running
    fs.rmSync(`${file}-wal`)
    fs.writeFileSync(`${file}-wal`, 'new frames')
    expect(wal.syncedNow()).toBe(false) // another file: opened by synced(), off this thread
    await wal.synced()
    expect(wal.syncedNow()).toBe(true)
    await wal.close()
  })

  it('closes the file it keeps, and opens it again if asked to sync after', async () => {
    const wal = walSync(databaseFile())
    await wal.synced()
    await wal.close()
    await wal.synced()
    expect(wal.stats().opened).toBe(2)
    await wal.close()
  })
})
