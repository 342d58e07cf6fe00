import pg from 'pg'
import { migratePostgres } from '../../scripts/postgres-migrate.mjs'

// Databases of the test cluster (issue 18): a migrated template per suite, and a copy of it per test
// file (CREATE DATABASE … TEMPLATE, a file copy on the server), dropped when the file is done.

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrlOn(serverUrl: string, name: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Runs `work` on one connection to the database at `url`, closed afterwards. */
export async function onDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`

/** Creates database `name` and applies prisma/migrations-postgresql with the app's own runner. */
export async function createPostgresTemplate(serverUrl: string, name: string): Promise<string> {
  await onDatabase(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${quoted(name)}`)
  })
  await migratePostgres(databaseUrlOn(serverUrl, name))
  return name
}

/** A copy of `template` named `name`. Retried while another copy of the same template is being made. */
export async function copyPostgresDatabase(serverUrl: string, template: string, name: string): Promise<void> {
  await onDatabase(serverUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${quoted(name)} TEMPLATE ${quoted(template)}`)
        return
      } catch (error) {
        // 55006 object_in_use: "source database is being accessed by other users".
        if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
      }
    }
  })
}

/** Drops database `name`, closing whatever connections are still open on it. */
export async function dropPostgresDatabase(serverUrl: string, name: string): Promise<void> {
  await onDatabase(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`))
}
