import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'

// `npm run db:reset` and `npm run db:seed` (issue 10: both pointed to files that did not exist).
// The real commands, as package.json runs them, on a database file of their own.
const root = path.resolve(__dirname, '../..')
const run = promisify(execFile)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-db-scripts-'))
const file = path.join(dir, 'reset.db')
const env = {
  ...process.env,
  DATABASE_URL: `file:${file}`,
  SEED_ADMIN_EMAIL: 'Seed.Admin@Relais.test',
  SEED_ADMIN_PASSWORD: 'un long mot de passe de démo',
  SEED_ADMIN_NAME: 'Admin Démo',
}

async function npmScript(name: string) {
  const script = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[name]
  if (!script) throw new Error(`package.json has no "${name}" script`)
  const [command = '', ...args] = script.split(' ')
  const executable = command === 'node' ? process.execPath : path.join(root, 'node_modules/.bin', command)
  return run(executable, args, { cwd: root, env })
}

function counts() {
  const sqlite = new Database(file, { readonly: true })
  try {
    const count = (table: string) => (sqlite.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n
    const admin = sqlite.prepare('SELECT "email", "role", "name" FROM "StaffUser"').all()
    return { staff: count('StaffUser'), tickets: count('Ticket'), failures: count('EntFailure'), directory: count('DirectoryAccount'), admin }
  } finally {
    sqlite.close()
  }
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('database scripts', { timeout: 180_000 }, () => {
  it('db:reset builds a migrated database and seeds it; db:seed again adds nothing; a second reset drops what was added', async () => {
    const reset = await npmScript('db:reset')
    expect(reset.stdout).toContain('Compte créé : seed.admin@relais.test.')
    const seeded = counts()
    expect(seeded).toMatchObject({ staff: 1, tickets: 6, admin: [{ email: 'seed.admin@relais.test', role: 'ADMIN', name: 'Admin Démo' }] })
    expect(seeded.failures).toBeGreaterThan(0)
    expect(seeded.directory).toBeGreaterThan(0)

    const seedAgain = await npmScript('db:seed')
    expect(seedAgain.stdout).toContain('existe déjà')
    expect(counts()).toEqual(seeded)

    const sqlite = new Database(file)
    sqlite.exec('CREATE TABLE "leftover" ("x" INTEGER); DELETE FROM "Ticket";')
    sqlite.close()
    await npmScript('db:reset')
    expect(counts()).toMatchObject({ staff: 1, tickets: 6 })
    const after = new Database(file, { readonly: true })
    expect(after.prepare(`SELECT name FROM sqlite_master WHERE name = 'leftover'`).all()).toEqual([])
    after.close()
  })
})
