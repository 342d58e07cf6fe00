import { execFileSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')

/** Applies the committed migrations to the SQLite file at `file` (created when missing). */
export function migrateDatabase(file: string) {
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: 'pipe',
  })
}
