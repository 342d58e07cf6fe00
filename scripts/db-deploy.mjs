#!/usr/bin/env node
// `npm run db:deploy`: migrates whichever database DATABASE_URL names (issue 18). An SQLite file
// (the default) through `prisma migrate deploy` and prisma/migrations; a PostgreSQL database through
// our own runner and prisma/migrations-postgresql (postgres-migrate.mjs says why).
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { databaseProviderOf, databaseUrl } from './database-url.mjs'
import { MigrationError, migratePostgres } from './postgres-migrate.mjs'

const root = path.resolve(import.meta.dirname, '..')

/** Migrates the database at `url`; exits the process with a non-zero status on failure. */
export async function deployMigrations(url) {
  if (databaseProviderOf(url) === 'postgresql') {
    try {
      const applied = await migratePostgres(url, { log: (line) => console.log(line) })
      if (applied.length === 0) console.log('Base PostgreSQL à jour / PostgreSQL database up to date.')
    } catch (error) {
      console.error(error instanceof MigrationError ? error.message : error)
      process.exit(1)
    }
    return
  }
  const res = spawnSync(path.join(root, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
  })
  if (res.status !== 0) process.exit(res.status ?? 1)
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  await deployMigrations(databaseUrl())
}
