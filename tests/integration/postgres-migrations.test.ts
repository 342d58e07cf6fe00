import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { MigrationError, POSTGRES_MIGRATIONS, migratePostgres, readMigrations } from '../../scripts/postgres-migrate.mjs'
import { databaseUrlOn, dropPostgresDatabase, onDatabase } from '../support/postgres-databases'

// The PostgreSQL migration runner of `npm run db:deploy` (issue 18): order, one transaction each, a
// record per migration, concurrent starters, and an edited migration refused. Runs in
// `npm run test:postgres` (it needs the server); the SQLite history is `prisma migrate deploy`'s.
const testDatabase = inject('testDatabase')
const root = path.resolve(__dirname, '../..')
const created: string[] = []
const dirs: string[] = []

/** A new empty database on the test server; its URL. */
async function emptyDatabase(serverUrl: string): Promise<string> {
  const name = `migrate_${crypto.randomUUID().replaceAll('-', '')}`
  await onDatabase(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`))
  created.push(name)
  return databaseUrlOn(serverUrl, name)
}

/** A copy of the committed migrations in a temporary folder, to edit. */
function migrationsCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-migrations-'))
  fs.cpSync(POSTGRES_MIGRATIONS, dir, { recursive: true })
  dirs.push(dir)
  return dir
}

describe.runIf(testDatabase.provider === 'postgresql')('the PostgreSQL migration runner', () => {
  const serverUrl = testDatabase.provider === 'postgresql' ? testDatabase.serverUrl : ''

  afterAll(async () => {
    for (const name of created) await dropPostgresDatabase(serverUrl, name)
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('applies every migration once, in name order, recording its checksum', async () => {
    const url = await emptyDatabase(serverUrl)
    const migrations = readMigrations()
    expect(await migratePostgres(url)).toEqual(migrations.map((m) => m.name))
    expect(await migratePostgres(url)).toEqual([])
    const rows = await onDatabase(url, async (client) => (await client.query('SELECT "name", "checksum" FROM "_relais_migrations" ORDER BY "applied_at", "name"')).rows)
    expect(rows).toEqual(migrations.map((m) => ({ name: m.name, checksum: m.checksum })))
  })

  it('migrates once when several processes start together (advisory lock)', async () => {
    const url = await emptyDatabase(serverUrl)
    const results = await Promise.all([migratePostgres(url), migratePostgres(url), migratePostgres(url)])
    expect(results.flat().sort()).toEqual(readMigrations().map((m) => m.name).sort())
  })

  it('rolls back a failing migration whole and records nothing of it', async () => {
    const url = await emptyDatabase(serverUrl)
    const dir = migrationsCopy()
    fs.mkdirSync(path.join(dir, '99990101000000_broken'))
    fs.writeFileSync(path.join(dir, '99990101000000_broken', 'migration.sql'), 'CREATE TABLE "Half" ("id" int);\nSELECT no_such_function();\n')
    await expect(migratePostgres(url, { dir })).rejects.toThrow(/99990101000000_broken/)
    const state = await onDatabase(url, async (client) => ({
      half: (await client.query(`SELECT to_regclass('"Half"') AS "t"`)).rows[0].t,
      names: (await client.query('SELECT "name" FROM "_relais_migrations"')).rows.map((r) => r.name),
    }))
    expect(state.half).toBeNull()
    expect(state.names).toEqual(readMigrations().map((m) => m.name))
  })

  it('refuses a migration edited after it was applied, in French and English, from npm run db:deploy too', async () => {
    const url = await emptyDatabase(serverUrl)
    const dir = migrationsCopy()
    await migratePostgres(url, { dir })
    const [first] = readMigrations(dir)
    fs.appendFileSync(path.join(dir, first!.name, 'migration.sql'), '\n-- edited\n')
    const refusal = migratePostgres(url, { dir })
    await expect(refusal).rejects.toBeInstanceOf(MigrationError)
    await expect(refusal).rejects.toThrow(/modifiée après avoir été appliquée[\s\S]*edited after it was applied/)

    // The committed history on a database that recorded another checksum: the CLI exits non-zero.
    await onDatabase(url, (client) => client.query(`UPDATE "_relais_migrations" SET "checksum" = 'other' WHERE "name" = $1`, [first!.name]))
    const cli = spawnSync(process.execPath, ['scripts/db-deploy.mjs'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' })
    expect(cli.status).not.toBe(0)
    expect(cli.stderr).toMatch(/modifiée après avoir été appliquée/)
  })
})
