// The one place that decides the default database location (used by Prisma's CLI, the start
// script and lib/env.ts). An SQLite file under ./data/ unless DATABASE_URL says otherwise.
import fs from 'node:fs'
import path from 'node:path'

export const DEFAULT_DATABASE_URL = 'file:./data/relais.db'

export function databaseUrl() {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL
  const file = url.replace(/^file:/, '')
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  return url
}
