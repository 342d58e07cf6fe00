import { describe, expect, it, vi } from 'vitest'
import {
  changeAccountRole,
  createAccount,
  resetAccountPassword,
  setAccountDisabled,
} from '@/lib/accounts/mutations'
import { listAccounts } from '@/lib/accounts/queries'
import { authorizeApi } from '@/lib/auth/api'
import { verifyPassword } from '@/lib/auth/password'
import { db } from '@/lib/db'
import { createStaff } from '@/tests/support/factories'
import { sessionCookie } from '@/tests/support/session'

const validInput = (suffix: string) => ({ email: `Nouveau.${suffix}@Lycee.test`, name: 'Nouvelle Personne', role: 'AGENT', password: 'un mot de passe long' })

describe('accounts: only an ADMIN manages accounts', () => {
  it('an AGENT gets FORBIDDEN for every operation and nothing changes', async () => {
    const agent = await createStaff({ role: 'AGENT' })
    const target = await createStaff({ role: 'AGENT' })
    expect(await listAccounts(agent)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await createAccount(agent, validInput('agent'))).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await changeAccountRole(agent, { accountId: agent.id, role: 'ADMIN' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await setAccountDisabled(agent, { accountId: target.id, disabled: 'true' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await resetAccountPassword(agent, { accountId: target.id, password: 'x'.repeat(12) })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    expect(await db.staffUser.findUnique({ where: { email: 'nouveau.agent@lycee.test' } })).toBeNull()
    const rows = await db.staffUser.findMany({ where: { id: { in: [agent.id, target.id] } } })
    expect(rows.map((r) => [r.role, r.disabledAt, r.passwordHash])).toEqual([
      ['AGENT', null, 'unusable'],
      ['AGENT', null, 'unusable'],
    ])
  })

  it('an ADMIN creates an account (lower-cased e-mail, hashed password) and sees it listed without its hash', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const created = await createAccount(admin, validInput('ok'))
    expect(created).toMatchObject({ ok: true, value: { email: 'nouveau.ok@lycee.test', role: 'AGENT', disabled: false } })
    const row = await db.staffUser.findUniqueOrThrow({ where: { email: 'nouveau.ok@lycee.test' } })
    expect(await verifyPassword(row.passwordHash, 'un mot de passe long')).toBe(true)

    const list = await listAccounts(admin)
    expect(list.ok && list.value.find((a) => a.id === row.id)).toMatchObject({ email: row.email })
    expect(JSON.stringify(list)).not.toContain('argon2')
  })

  it('rejects invalid input field by field, and a duplicate e-mail', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const bad = await createAccount(admin, { email: 'x', name: '', role: 'BOSS', password: 'court' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.code).toBe('VALIDATION')
      expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['email', 'name', 'password', 'role'])
    }
    expect((await createAccount(admin, validInput('dup'))).ok).toBe(true)
    const dup = await createAccount(admin, { ...validInput('dup'), email: 'NOUVEAU.DUP@lycee.test' })
    expect(dup).toMatchObject({ ok: false, code: 'CONFLICT', fieldErrors: { email: [expect.stringContaining('existe déjà')] } })
    expect(await db.staffUser.count({ where: { email: 'nouveau.dup@lycee.test' } })).toBe(1)
  })

  it('changes a role, disables and re-enables, resets a password', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const target = await createStaff({ role: 'AGENT' })
    expect(await changeAccountRole(admin, { accountId: target.id, role: 'ADMIN' })).toMatchObject({ ok: true, value: { role: 'ADMIN' } })
    expect(await setAccountDisabled(admin, { accountId: target.id, disabled: 'true' })).toMatchObject({ ok: true, value: { disabled: true } })
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeInstanceOf(Date)
    expect(await setAccountDisabled(admin, { accountId: target.id, disabled: 'false' })).toMatchObject({ ok: true, value: { disabled: false } })
    expect(await resetAccountPassword(admin, { accountId: target.id, password: 'nouveau mot de passe' })).toMatchObject({ ok: true })
    const row = await db.staffUser.findUniqueOrThrow({ where: { id: target.id } })
    expect(row).toMatchObject({ role: 'ADMIN', disabledAt: null })
    expect(await verifyPassword(row.passwordHash, 'nouveau mot de passe')).toBe(true)
    expect(await resetAccountPassword(admin, { accountId: target.id, password: 'court' })).toMatchObject({ ok: false, code: 'VALIDATION' })
    expect(await changeAccountRole(admin, { accountId: 'missing', role: 'AGENT' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('accounts: a password reset ends the sessions signed in before it', () => {
  const signedIn = async (cookie: string) =>
    (await authorizeApi('AGENT', new Request('http://localhost:3000/api/admin/tickets', { headers: { cookie } }))).ok

  it('refuses the older session, keeps a new one, and leaves other accounts signed in', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const target = await createStaff({ role: 'AGENT' })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() - 60_000) // signed in a minute ago
    const before = await sessionCookie(target)
    const adminBefore = await sessionCookie(admin)
    vi.useRealTimers()
    expect(await signedIn(before)).toBe(true)

    expect(await resetAccountPassword(admin, { accountId: target.id, password: 'nouveau mot de passe' })).toMatchObject({ ok: true })
    expect(await signedIn(before)).toBe(false)
    expect(await signedIn(await sessionCookie(target))).toBe(true) // signed in again, with the new password
    expect(await signedIn(adminBefore)).toBe(true)
  })
})

describe('accounts: at least one active ADMIN always remains', () => {
  it('the last active admin can neither demote nor disable themselves; with a second admin they can', async () => {
    // Start from a database whose only active admin is `admin`.
    await db.staffUser.updateMany({ where: { role: 'ADMIN' }, data: { disabledAt: new Date() } })
    const admin = await createStaff({ role: 'ADMIN' })

    const demote = await changeAccountRole(admin, { accountId: admin.id, role: 'AGENT' })
    expect(demote).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('dernier administrateur') })
    expect(await setAccountDisabled(admin, { accountId: admin.id, disabled: true })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await db.staffUser.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: 'ADMIN', disabledAt: null })

    const second = await createStaff({ role: 'ADMIN' })
    expect(await changeAccountRole(admin, { accountId: admin.id, role: 'AGENT' })).toMatchObject({ ok: true })
    // `second` is now the last one: demoting them is refused too (as an admin acting on another).
    expect(await changeAccountRole(second, { accountId: second.id, role: 'AGENT' })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await db.staffUser.count({ where: { role: 'ADMIN', disabledAt: null } })).toBe(1)
  })

  it('two admins demoting each other at the same time cannot leave the school without an admin', async () => {
    await db.staffUser.updateMany({ where: { role: 'ADMIN' }, data: { disabledAt: new Date() } })
    const a = await createStaff({ role: 'ADMIN' })
    const b = await createStaff({ role: 'ADMIN' })
    const results = await Promise.all([
      changeAccountRole(a, { accountId: b.id, role: 'AGENT' }),
      changeAccountRole(b, { accountId: a.id, role: 'AGENT' }),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(await db.staffUser.count({ where: { role: 'ADMIN', disabledAt: null } })).toBe(1)
  })
})
