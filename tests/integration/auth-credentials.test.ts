import { beforeAll, describe, expect, it } from 'vitest'
import type { CredentialsConfig } from 'next-auth/providers/credentials'
import { createAccountFromCommandLine } from '@/lib/accounts/mutations'
import { authorizeApi } from '@/lib/auth/api'
import { authOptions } from '@/lib/auth/config'
import { db } from '@/lib/db'
import { sessionCookie } from '@/tests/support/session'

// The credentials provider exactly as next-auth calls it: (credentials, { headers, body, query, method }).
const provider = authOptions.providers.find((p) => p.id === 'credentials') as CredentialsConfig
const authorize = (email: string, password: string, ip = '203.0.113.10') =>
  provider.options.authorize!({ email, password }, { headers: { 'x-forwarded-for': ip }, body: {}, query: {}, method: 'POST' })

const PASSWORD = 'correct horse battery'
let n = 0
async function account(role: 'ADMIN' | 'AGENT' = 'AGENT') {
  const result = await createAccountFromCommandLine({ email: `user${++n}-${Date.now()}@lycee.test`, name: `Personne ${n}`, role, password: PASSWORD })
  if (!result.ok) throw new Error(result.code)
  return result.value
}

describe('credentials provider authorize()', () => {
  let agent: Awaited<ReturnType<typeof account>>
  beforeAll(async () => {
    agent = await account()
  })

  it('signs in with the right password, whatever the e-mail case', async () => {
    const user = await authorize(agent.email.toUpperCase(), PASSWORD)
    expect(user).toEqual({ id: agent.id, email: agent.email, name: agent.name, role: 'AGENT' })
  })

  it('stores an argon2id hash, never the password', async () => {
    const row = await db.staffUser.findUniqueOrThrow({ where: { id: agent.id } })
    expect(row.passwordHash).toMatch(/^\$argon2id\$/)
    expect(row.passwordHash).not.toContain(PASSWORD)
  })

  it('refuses a wrong password, an unknown e-mail and a disabled account alike (null)', async () => {
    expect(await authorize(agent.email, 'wrong password!!')).toBeNull()
    expect(await authorize('nobody@lycee.test', PASSWORD)).toBeNull()
    const disabled = await account()
    await db.staffUser.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } })
    expect(await authorize(disabled.email, PASSWORD)).toBeNull()
    expect(await authorize('', '')).toBeNull()
  })

  it('slows an e-mail + address pair down after failures, without touching other addresses or e-mails', async () => {
    const victim = await account()
    const other = await account()
    for (let i = 0; i < 3; i++) expect(await authorize(victim.email, `bad-${i}`, '198.51.100.1')).toBeNull()

    // Even the right password waits a few seconds now (progressive delay, tests/security/lockouts.test.ts).
    await expect(authorize(victim.email, PASSWORD, '198.51.100.1')).rejects.toThrow(/^SignInLocked:1s$/)
    // Another address for the same account, and another account from the same address, still work.
    expect(await authorize(victim.email, PASSWORD, '198.51.100.2')).toMatchObject({ id: victim.id })
    expect(await authorize(other.email, PASSWORD, '198.51.100.1')).toMatchObject({ id: other.id })
  })

  it('a success clears the failure count of that pair', async () => {
    const user = await account()
    for (let i = 0; i < 2; i++) await authorize(user.email, 'bad', '198.51.100.3')
    expect(await authorize(user.email, PASSWORD, '198.51.100.3')).not.toBeNull()
    for (let i = 0; i < 2; i++) await authorize(user.email, 'bad', '198.51.100.3')
    expect(await authorize(user.email, PASSWORD, '198.51.100.3')).not.toBeNull()
  })
})

describe('authorizeApi: the session is re-checked against the database on every request', () => {
  const request = (cookie?: string) => new Request('http://localhost/api/admin/x', { headers: cookie ? { cookie } : {} })

  it('401 without a session, or with a forged one', async () => {
    for (const cookie of [undefined, 'next-auth.session-token=forged']) {
      const res = await authorizeApi('AGENT', request(cookie))
      expect(res.ok).toBe(false)
      if (!res.ok) {
        expect(res.response.status).toBe(401)
        expect(await res.response.json()).toMatchObject({ error: 'unauthenticated' })
      }
    }
  })

  it('accepts a valid session; 403 for an AGENT asking for ADMIN; ADMIN passes AGENT checks', async () => {
    const agent = await account('AGENT')
    const admin = await account('ADMIN')
    const asAgent = await authorizeApi('AGENT', request(await sessionCookie(agent)))
    expect(asAgent).toMatchObject({ ok: true, viewer: { id: agent.id, role: 'AGENT' } })
    const denied = await authorizeApi('ADMIN', request(await sessionCookie(agent)))
    expect(denied.ok).toBe(false)
    if (!denied.ok) {
      expect(denied.response.status).toBe(403)
      expect(await denied.response.json()).toMatchObject({ error: 'forbidden' })
    }
    expect(await authorizeApi('AGENT', request(await sessionCookie(admin)))).toMatchObject({ ok: true })
  })

  it('a role change or a disabled account takes effect on the next request with the same cookie', async () => {
    const user = await account('ADMIN')
    const cookie = await sessionCookie(user)
    expect(await authorizeApi('ADMIN', request(cookie))).toMatchObject({ ok: true })

    await db.staffUser.update({ where: { id: user.id }, data: { role: 'AGENT' } })
    const demoted = await authorizeApi('ADMIN', request(cookie))
    expect(demoted.ok || demoted.response.status).toBe(403)

    await db.staffUser.update({ where: { id: user.id }, data: { disabledAt: new Date() } })
    const disabled = await authorizeApi(undefined, request(cookie))
    expect(disabled.ok || disabled.response.status).toBe(401)
  })
})
