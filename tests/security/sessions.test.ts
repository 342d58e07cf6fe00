import NextAuth from 'next-auth'
import { decode } from 'next-auth/jwt'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { GET as listTickets } from '@/app/api/admin/tickets/route'
import { changeAccountRole, createAccount, resetAccountPassword, setAccountDisabled } from '@/lib/accounts/mutations'
import { authOptions, authSecret, sessionCookieName } from '@/lib/auth/config'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'

// Issue 11, finding 1: a session ends for good on sign-out, password reset, disabling and role
// change, on every endpoint, next-auth's own /api/auth/session included; re-enabling revives
// nothing; no refresh extends a session past its absolute end. Signs in through next-auth's real
// handler with the app's own options (CSRF, credentials provider, callbacks, events), through its
// pages-router entry, which takes plain request data (the App Router entry needs Next's request scope).

vi.stubEnv('NEXTAUTH_URL', 'http://localhost')
const PASSWORD = 'un mot de passe assez long'
type Cookies = Record<string, string>

async function nextAuth(path: string, cookies: Cookies, form?: Record<string, string>) {
  const headers: Record<string, string> = { host: 'localhost', 'x-relais-client-address': '10.0.0.1' }
  const req = { method: form ? 'POST' : 'GET', query: { nextauth: path.split('/') }, cookies, headers, body: form ?? {} }
  let body: unknown
  const sent = new Map<string, unknown>()
  const res = {
    status: () => res,
    getHeader: (name: string) => sent.get(name.toLowerCase()),
    setHeader: (name: string, value: unknown) => (sent.set(name.toLowerCase(), value), res),
    json: (b: unknown) => void (body = b),
    send: (b: unknown) => void (body = b),
    end: () => {},
  }
  await (NextAuth as unknown as (o: typeof authOptions) => (q: unknown, r: unknown) => Promise<void>)(authOptions)(req, res)
  const set: Cookies = {}
  for (const line of (sent.get('set-cookie') as string[] | undefined) ?? []) {
    const [pair] = line.split(';')
    const eq = pair!.indexOf('=')
    set[pair!.slice(0, eq)] = decodeURIComponent(pair!.slice(eq + 1))
  }
  return { body: body as Record<string, unknown> | undefined, set }
}

async function csrf(): Promise<{ token: string; cookies: Cookies }> {
  const { body, set } = await nextAuth('csrf', {})
  return { token: String(body!.csrfToken), cookies: set }
}

/** The session cookie value a real sign-in hands out. */
async function signIn(email: string): Promise<string> {
  const c = await csrf()
  const { set } = await nextAuth('callback/credentials', c.cookies, { email, password: PASSWORD, csrfToken: c.token, json: 'true' })
  const value = set[sessionCookieName()]
  expect(value, 'signed in').toBeTruthy()
  return value!
}

async function signOut(session: string): Promise<void> {
  const c = await csrf()
  await nextAuth('signout', { ...c.cookies, [sessionCookieName()]: session }, { csrfToken: c.token, json: 'true' })
}

/** next-auth's own endpoint: the session it reports and the cookie it re-mints (if any). */
async function sessionEndpoint(session: string) {
  const { body, set } = await nextAuth('session', { [sessionCookieName()]: session })
  return { user: (body as { user?: unknown } | undefined)?.user, reminted: set[sessionCookieName()] || null }
}

async function adminApiStatus(session: string): Promise<number> {
  const res = await listTickets(new Request('http://localhost/api/admin/tickets', { headers: { cookie: `${sessionCookieName()}=${session}` } }))
  return res.status
}

/** Every way the old cookie could still work: the app's API, next-auth's endpoint, and its re-mint. */
async function expectEnded(session: string) {
  expect(await adminApiStatus(session)).toBe(401)
  const { user, reminted } = await sessionEndpoint(session)
  expect(user).toBeUndefined()
  expect(reminted).toBeNull()
}

let counter = 0
async function account(role: 'ADMIN' | 'AGENT' = 'AGENT'): Promise<Viewer> {
  const result = await createAccount(admin, { email: `session-${++counter}-${Date.now()}@example.test`, name: 'Compte Test', role, password: PASSWORD })
  if (!result.ok) throw new Error(result.code)
  return { id: result.value.id, email: result.value.email, name: result.value.name, role }
}
const admin: Viewer = { id: 'no-such-admin', email: 'admin@example.test', name: 'Admin', role: 'ADMIN' }

describe('staff sessions end for good', () => {
  beforeAll(async () => {
    await account('ADMIN') // an active admin, so no change below is refused as removing the last one
  })

  it('a password reset ends a stolen session, and next-auth cannot re-mint it', async () => {
    const target = await account()
    const stolen = await signIn(target.email)
    // The attacker refreshes first: the refreshed copy must die with the reset too.
    const refreshed = (await sessionEndpoint(stolen)).reminted!
    expect(refreshed).toBeTruthy()
    expect((await resetAccountPassword(admin, { accountId: target.id, password: PASSWORD })).ok).toBe(true)
    await expectEnded(stolen)
    await expectEnded(refreshed)
    const fresh = await signIn(target.email)
    expect(await adminApiStatus(fresh)).toBe(200)
  })

  it('signing out ends that session everywhere, a copy of the cookie included; other devices stay', async () => {
    const user = await account()
    const laptop = await signIn(user.email)
    const phone = await signIn(user.email)
    await signOut(laptop)
    await expectEnded(laptop)
    expect(await adminApiStatus(phone)).toBe(200)
  })

  it('disabling ends every session, and re-enabling does not revive them', async () => {
    const user = await account()
    const session = await signIn(user.email)
    expect((await setAccountDisabled(admin, { accountId: user.id, disabled: true })).ok).toBe(true)
    await expectEnded(session)
    expect((await setAccountDisabled(admin, { accountId: user.id, disabled: false })).ok).toBe(true)
    await expectEnded(session)
  })

  it('a role change ends every session of the account', async () => {
    const user = await account('ADMIN')
    const session = await signIn(user.email)
    expect((await changeAccountRole(admin, { accountId: user.id, role: 'AGENT' })).ok).toBe(true)
    await expectEnded(session)
  })

  it('no refresh extends the session: a re-minted cookie keeps the sign-in’s expiry, and the session ends there', async () => {
    const user = await account()
    const session = await signIn(user.email)
    const exp = async (token: string) => (await decode({ token, secret: authSecret()! }))!.exp as number
    const first = await exp(session)
    // next-auth signs the sign-in token for its jwt.maxAge (30 days by default), not the session's.
    expect(first).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 12 * 60 * 60)
    await new Promise((r) => setTimeout(r, 1100))
    const reminted = (await sessionEndpoint(session)).reminted!
    expect(await exp(reminted)).toBeLessThanOrEqual(first)

    // Twelve hours later (moved on the server's record): refused, though the token itself is unexpired.
    await db.$executeRaw`UPDATE "StaffSession" SET "expiresAt" = ${new Date(Date.now() - 1000)} WHERE "staffId" = ${user.id}`
    await expectEnded(reminted)
  })
})
