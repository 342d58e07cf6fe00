import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, inject } from 'vitest'

// Runs before each integration test file, before lib/db.ts is imported: point DATABASE_URL at a
// private copy of the migrated template so files never see each other's rows.
const template = inject('templateDatabase')
const file = path.join(path.dirname(template), `test-${process.pid}-${crypto.randomUUID()}.db`)
fs.copyFileSync(template, file)
process.env.DATABASE_URL = `file:${file}`

afterAll(async () => {
  const { db } = await import('@/lib/db')
  await db.$disconnect()
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
})

// Every domain that follows a ticket registers with lib/tickets on import, as the server does in
// instrumentation.ts: a test that changes a ticket sees the same records follow.
await import('@/lib/followers')
