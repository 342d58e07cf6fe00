// The one place that decides the default database location (used by Prisma's CLI, the start and
// migration scripts and lib/env.ts). An SQLite file under ./data/ unless DATABASE_URL says
// otherwise; `postgresql://` or `postgres://` selects PostgreSQL (issue 18, database-provider.mjs).
import fs from 'node:fs'
import path from 'node:path'
import { DEFAULT_DATABASE_URL, databaseProviderOf } from './database-provider.mjs'

export { DEFAULT_DATABASE_URL, databaseProviderOf }

export function databaseUrl() {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL
  // A PostgreSQL database lives on its server: no folder to create here.
  if (databaseProviderOf(url) === 'postgresql') return url
  const file = url.replace(/^file:/, '')
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  return url
}
