// Applies prisma/migrations-postgresql to a PostgreSQL database (issue 18). `prisma migrate deploy`
// cannot: through the pg driver adapter it fails reading its own catalogue ("Column type 'name'
// could not be deserialized", prisma/orm#27403). So, our own small runner: migrations in name order,
// each in its own transaction together with its row in "_relais_migrations" (name, SHA-256 of the
// file, when), under an advisory lock so that processes starting together migrate once; a
// migration whose file changed after it was applied is refused, as Prisma refuses an edited one.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

export const POSTGRES_MIGRATIONS = path.resolve(import.meta.dirname, '..', 'prisma', 'migrations-postgresql')
// Any fixed 64-bit number, the same in every process: the key of the session-level advisory lock.
const LOCK_KEY = 7_316_529_040_118n

export class MigrationError extends Error {}

/** The committed migrations, in name order: [{ name, sql, checksum }]. */
export function readMigrations(dir = POSTGRES_MIGRATIONS) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') }
    })
}

/** Refuses when an applied migration was edited, or is missing from the folder (older code). */
function checkApplied(applied, migrations) {
  const byName = new Map(migrations.map((m) => [m.name, m]))
  for (const row of applied) {
    const migration = byName.get(row.name)
    if (!migration) {
      throw new MigrationError(
        `La migration ${row.name} a été appliquée à cette base mais n’existe pas ici : ce code est plus ancien que la base.\n` +
          `Migration ${row.name} was applied to this database but is not in this folder: this code is older than the database.`,
      )
    }
    if (migration.checksum !== row.checksum) {
      throw new MigrationError(
        `La migration ${row.name} a été modifiée après avoir été appliquée (somme de contrôle différente) : refus. Écrivez une nouvelle migration.\n` +
          `Migration ${row.name} was edited after it was applied (checksum differs): refusing. Write a new migration instead.`,
      )
    }
  }
}

/**
 * Applies the pending migrations of `dir` to the database at `url`; returns the names applied.
 * Throws MigrationError (French and English message) when the history does not match.
 */
export async function migratePostgres(url, { dir = POSTGRES_MIGRATIONS, log = () => {} } = {}) {
  const migrations = readMigrations(dir)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY.toString()])
    await client.query(`CREATE TABLE IF NOT EXISTS "_relais_migrations" (
      "name" text PRIMARY KEY, "checksum" text NOT NULL, "applied_at" timestamptz NOT NULL DEFAULT now())`)
    const { rows: applied } = await client.query('SELECT "name", "checksum" FROM "_relais_migrations" ORDER BY "name"')
    checkApplied(applied, migrations)
    const done = new Set(applied.map((row) => row.name))
    const appliedNow = []
    for (const migration of migrations.filter((m) => !done.has(m.name))) {
      await client.query('BEGIN')
      try {
        // No parameters: the simple protocol runs every statement of the file.
        await client.query(migration.sql)
        await client.query('INSERT INTO "_relais_migrations" ("name", "checksum") VALUES ($1, $2)', [migration.name, migration.checksum])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw new MigrationError(`La migration ${migration.name} a échoué / Migration ${migration.name} failed: ${error.message}`)
      }
      appliedNow.push(migration.name)
      log(`Migration appliquée / applied: ${migration.name}`)
    }
    return appliedNow
  } finally {
    // Ending the session releases the advisory lock too; unlocking first is just tidy.
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY.toString()]).catch(() => {})
    await client.end()
  }
}
