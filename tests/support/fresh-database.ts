import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, inject } from 'vitest'
import { copyPostgresDatabase, databaseUrlOn, dropPostgresDatabase } from './postgres-databases'

// Runs before each integration test file, before lib/db.ts is imported: point DATABASE_URL at a
// private copy of the migrated template so files never see each other's rows (an SQLite file, or a
// PostgreSQL database under RELAIS_TEST_DATABASE=postgresql).
const testDatabase = inject('testDatabase')
const copyName = `test_${process.pid}_${crypto.randomUUID().replaceAll('-', '')}`
const sqliteFile = testDatabase.provider === 'sqlite' ? path.join(path.dirname(testDatabase.template), `${copyName}.db`) : ''

if (testDatabase.provider === 'postgresql') {
  await copyPostgresDatabase(testDatabase.serverUrl, testDatabase.template, copyName)
  process.env.DATABASE_URL = databaseUrlOn(testDatabase.serverUrl, copyName)
} else {
  fs.copyFileSync(testDatabase.template, sqliteFile)
  process.env.DATABASE_URL = `file:${sqliteFile}`
}

afterAll(async () => {
  const { db } = await import('@/lib/db')
  await db.$disconnect()
  if (testDatabase.provider === 'postgresql') {
    await (globalThis as { __relaisCloseDatabase?: () => Promise<void> }).__relaisCloseDatabase?.()
    await dropPostgresDatabase(testDatabase.serverUrl, copyName)
    return
  }
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(sqliteFile + suffix, { force: true })
})

// Every domain that follows a ticket registers with lib/tickets on import, as the server does in
// instrumentation.ts: a test that changes a ticket sees the same records follow.
await import('@/lib/followers')
