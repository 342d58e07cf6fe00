import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { databaseUrlOn, dropPostgresDatabase } from '../support/postgres-databases'

// One datamodel, two migration histories (issue 18): each history must build exactly the model of
// prisma/schema.prisma (the PostgreSQL schema is derived from it: tests/unit/postgres-schema.test.ts),
// apart from what we add by hand and Prisma does not model. The SQLite side runs in the ordinary
// suite, the PostgreSQL side in `npm run test:postgres`.
const testDatabase = inject('testDatabase')
const root = path.resolve(__dirname, '../..')

function prisma(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(path.join(root, 'node_modules/.bin/prisma'), args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', stdio: 'pipe' })
}

/** The SQL statements of a script, without comments and blank lines. */
function statements(script: string): string[] {
  return script
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(';')
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
}

describe.runIf(testDatabase.provider === 'sqlite')('the SQLite history', () => {
  it('builds the datamodel: the diff to prisma/schema.prisma only drops what we add by hand', () => {
    const diff = statements(prisma(['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema-datamodel', 'prisma/schema.prisma', '--script']))
    // The FTS5 table of the search and its shadow tables and triggers, and the partial unique index
    // (Prisma 6.19 leaves the last two alone today).
    const handWritten = /^(DROP TABLE "ticket_fts\w*"|DROP TRIGGER "ticket_fts_\w+"|DROP INDEX "Incident_open_key"|PRAGMA (defer_)?foreign_keys=(on|off))$/i
    expect(diff.filter((s) => !handWritten.test(s))).toEqual([])
    expect(diff).toContain('DROP TABLE "ticket_fts"') // the diff did read the history
  })
})

type Snapshot = Record<'columns' | 'constraints' | 'indexes', string[]>

async function snapshot(url: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const lines = async (sql: string) => (await client.query<{ line: string }>(sql)).rows.map((r) => r.line).sort()
    return {
      columns: await lines(`SELECT concat_ws(' ', table_name, column_name, data_type, datetime_precision, is_nullable, column_default) AS line
        FROM information_schema.columns WHERE table_schema = 'public'`),
      constraints: await lines(`SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace`),
      indexes: await lines(`SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public'`),
    }
  } finally {
    await client.end()
  }
}

describe.runIf(testDatabase.provider === 'postgresql')('the PostgreSQL history', () => {
  const serverUrl = testDatabase.provider === 'postgresql' ? testDatabase.serverUrl : ''
  const name = `datamodel_${crypto.randomUUID().replaceAll('-', '')}`
  afterAll(() => dropPostgresDatabase(serverUrl, name))

  it('builds the datamodel: the same tables, columns, keys and indexes, plus the hand-written search and open-incident indexes', async () => {
    // The datamodel's own SQL (a diff from nothing; Prisma connects to the server but reads nothing),
    // applied to an empty database.
    const script = prisma(['migrate', 'diff', '--config', 'prisma/postgresql/prisma.config.ts', '--from-empty', '--to-schema-datamodel', 'prisma/postgresql/schema.prisma', '--script'], { DATABASE_URL: serverUrl })
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${name}"`).finally(() => admin.end())
    const model = new pg.Client({ connectionString: databaseUrlOn(serverUrl, name) })
    await model.connect()
    await model.query(script).finally(() => model.end())

    // This file's database was built by the history (npm run db:deploy's runner).
    const [history, expected] = await Promise.all([snapshot(process.env.DATABASE_URL!), snapshot(databaseUrlOn(serverUrl, name))])
    // The runner's own table, and the PostgreSQL-only tables of the shared process state (migration
    // 20261202100002_shared_process_state: rate limits, sign-in failures), which are not in the datamodel.
    // The search's stored column (20261202100004_stored_search_vector) is not in the datamodel either.
    const ours = (line: string) => /_relais_(migrations|rate_limits|sign_in_failures)|^Ticket searchVector /.test(line)
    const handWritten = ['Incident_open_key', 'Ticket_search_idx']
    expect(history.columns.filter((l) => !ours(l))).toEqual(expected.columns)
    expect(history.constraints.filter((l) => !ours(l))).toEqual(expected.constraints)
    const byHand = (line: string) => handWritten.some((index) => line.includes(`INDEX "${index}"`))
    expect(history.indexes.filter((l) => !ours(l) && !byHand(l))).toEqual(expected.indexes)
    expect(history.indexes.filter(byHand)).toHaveLength(handWritten.length)
  })
})
