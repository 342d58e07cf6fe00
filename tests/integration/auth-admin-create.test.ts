import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { verifyPassword } from '@/lib/auth/password'
import { db } from '@/lib/db'

// Runs the real command (`npm run admin:create` = tsx --conditions=react-server scripts/admin-create.ts)
// against this file's private database.
const root = path.resolve(__dirname, '../..')
const run = promisify(execFile)

async function adminCreate(...args: string[]) {
  try {
    const { stdout, stderr } = await run(path.join(root, 'node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/admin-create.ts', ...args], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('npm run admin:create', { timeout: 120_000 }, () => {
  it('creates an ADMIN by default and exits 0', async () => {
    const res = await adminCreate('--email', 'Direction@Lycee.test', '--password', 'un long mot de passe', '--name', 'Mme Direction')
    expect(res).toMatchObject({ code: 0, stderr: '' })
    expect(res.stdout).toContain('Compte créé : direction@lycee.test (Administrateur)')
    const row = await db.staffUser.findUniqueOrThrow({ where: { email: 'direction@lycee.test' } })
    expect(row).toMatchObject({ role: 'ADMIN', name: 'Mme Direction', disabledAt: null })
    expect(await verifyPassword(row.passwordHash, 'un long mot de passe')).toBe(true)
  })

  it('creates an AGENT with --role AGENT', async () => {
    const res = await adminCreate('--email', 'agent@lycee.test', '--password', 'un long mot de passe', '--role', 'agent')
    expect(res.code).toBe(0)
    expect((await db.staffUser.findUniqueOrThrow({ where: { email: 'agent@lycee.test' } })).role).toBe('AGENT')
  })

  it('exits 1 with a French message for a duplicate e-mail, a short password, missing options', async () => {
    await adminCreate('--email', 'doublon@lycee.test', '--password', 'un long mot de passe')
    const dup = await adminCreate('--email', 'DOUBLON@lycee.test', '--password', 'un autre mot de passe')
    expect(dup.code).toBe(1)
    expect(dup.stderr).toContain('Un compte existe déjà avec cette adresse e-mail.')

    const short = await adminCreate('--email', 'court@lycee.test', '--password', 'court')
    expect(short.code).toBe(1)
    expect(short.stderr).toContain('au moins 12 caractères')
    expect(await db.staffUser.findUnique({ where: { email: 'court@lycee.test' } })).toBeNull()

    const missing = await adminCreate('--email', 'x@lycee.test')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('Indiquez --email et --password')
    expect(await db.staffUser.count({ where: { email: 'doublon@lycee.test' } })).toBe(1)
  })
})
