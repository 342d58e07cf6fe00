import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resetAccountPassword } from '@/lib/accounts/mutations'
import { hashPassword } from '@/lib/auth/password'
import { db } from '@/lib/db'
import { quotedDirectory, realisticDirectory } from './support/directory-files'
import { signIn, startServer, stopServer, type ServerHandle } from './support/production-server'
import { openIdle, pollHealth, rawRequest, trickle } from './support/raw-http'

// Issue 11 findings 1, 3, 6 and 7 (first bullet) and issue 10 item 3, against the real production
// server (build + node:http wrapper) on this file's database copy. Its own port (the security port
// + 1): production-server.test.ts may run beside it.

const PORT = Number(process.env.SECURITY_SERVER_PORT || 3109) + 1
const dbFile = process.env.DATABASE_URL!.replace(/^file:/, '')
const MAX_CONNECTIONS = 40
let server: ServerHandle
const PASSWORD = 'Mot-de-passe-de-test-42'
let admin: { id: string; email: string }

beforeAll(async () => {
  server = await startServer({ port: PORT, dbFile, env: { MAX_CONNECTIONS_PER_ADDRESS: String(MAX_CONNECTIONS) } })
  admin = await db.staffUser.create({
    data: { email: 'admin.hardening@example.test', name: 'Admin Test', role: 'ADMIN', passwordHash: await hashPassword(PASSWORD) },
    select: { id: true, email: true },
  })
}, 300_000)

afterAll(async () => {
  await stopServer(server, 'SIGKILL')
})

const report = { message: 'Votre identifiant ou votre mot de passe est incorrect', fullName: 'Lou Test', profile: 'PARENT', email: 'lou@example.test' }

describe('forwarded headers and the tracking link (issue 11 finding 7, issue 10 item 3)', () => {
  it('a client-sent X-Forwarded-Proto brings no HSTS, and the link uses the configured address, not Host or the bind address', async () => {
    const spoof = { host: 'evil.example:8443', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' }
    const page = await rawRequest(server.url, { path: '/', headers: spoof })
    expect(page.headers['strict-transport-security']).toBeUndefined()
    expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests')

    const created = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/reports',
      headers: { ...spoof, 'content-type': 'application/json' },
      body: JSON.stringify(report),
    })
    expect(created.status).toBe(201)
    const { trackingUrl } = JSON.parse(created.body) as { trackingUrl: string }
    // NEXTAUTH_URL of the test server (no APP_ORIGIN): http://localhost:<port>.
    expect(new URL(trackingUrl).origin).toBe(server.url)
  })
})

describe('sessions on the real server (issue 11 finding 1)', () => {
  it('after a password reset, next-auth’s /api/auth/session neither answers nor re-mints the stolen cookie', async () => {
    const stolen = await signIn(server.url, admin.email, PASSWORD)
    expect((await fetch(`${server.url}/api/admin/tickets`, { headers: { cookie: stolen.header } })).status).toBe(200)
    expect((await resetAccountPassword({ id: admin.id, email: admin.email, name: 'Admin Test', role: 'ADMIN' }, { accountId: admin.id, password: PASSWORD })).ok).toBe(true)

    const session = await fetch(`${server.url}/api/auth/session`, { headers: { cookie: stolen.header } })
    expect(await session.json()).toEqual({})
    const reminted = session.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='))
    expect(reminted === undefined || /^next-auth\.session-token=;/.test(reminted)).toBe(true)
    expect((await fetch(`${server.url}/api/admin/tickets`, { headers: { cookie: stolen.header } })).status).toBe(401)
    expect(server.log()).not.toMatch(/JWT_SESSION_ERROR|SessionEndedError/)
  })
})

describe('directory import keeps the server responsive (issue 11 finding 3)', () => {
  async function preview(cookie: string, file: Uint8Array<ArrayBuffer>) {
    const form = new FormData()
    form.set('file', new Blob([file]), 'annuaire.csv')
    form.set('dryRun', 'true')
    const started = performance.now()
    const res = await fetch(`${server.url}/api/admin/directory/import`, { method: 'POST', headers: { cookie, origin: server.url }, body: form })
    const body = (await res.json()) as { created: number; errors: unknown[] }
    return { status: res.status, body, ms: performance.now() - started }
  }

  // Behaviour, not speed (speed targets belong to the bench, as ratios): the old reader held the
  // event loop for the whole file (7.7 s for 270 kB, 108 s for 5 MB). Here /api/health must keep
  // answering during a 5 MB preview, never waiting 2 s, and the preview must finish well within its
  // 20 s cap. The targets (5 s, 200 ms) were measured on a quiet machine: bench/RESULTS.md.
  const PREVIEW_BOUND_MS = 20_000
  const HEALTH_BOUND_MS = 2_000

  /** Preview while /api/health is polled; the machine is shared, so the better of two runs counts. */
  async function measured(cookie: string, file: Uint8Array<ArrayBuffer>) {
    let best: { status: number; body: { created: number; errors: unknown[] }; ms: number; healthMs: number } | undefined
    for (let run = 0; run < 2; run++) {
      const poll = pollHealth(server.url)
      const result = await preview(cookie, file)
      const health = await poll.stop()
      const current = { ...result, healthMs: health.maxMs }
      if (!best || Math.max(current.ms / PREVIEW_BOUND_MS, current.healthMs / HEALTH_BOUND_MS) < Math.max(best.ms / PREVIEW_BOUND_MS, best.healthMs / HEALTH_BOUND_MS)) best = current
      if (best.ms <= PREVIEW_BOUND_MS && best.healthMs <= HEALTH_BOUND_MS) break
    }
    return best!
  }

  it('the largest accepted file is previewed while /api/health keeps answering (no freeze)', async () => {
    const session = await signIn(server.url, admin.email, PASSWORD)
    await preview(session.header, new TextEncoder().encode('Nom;Prénom;Identifiant;Profil\nMARTIN;Léa;lmartin;Élève\n')) // warm the route

    const realistic = await measured(session.header, realisticDirectory())
    console.info(`directory preview, 5 MB of valid rows: ${realistic.ms.toFixed(0)} ms, slowest /api/health ${realistic.healthMs.toFixed(0)} ms`)
    expect(realistic.status).toBe(200)
    expect(realistic.body.created).toBeGreaterThan(70_000)
    expect(realistic.ms).toBeLessThanOrEqual(PREVIEW_BOUND_MS)
    expect(realistic.healthMs).toBeLessThanOrEqual(HEALTH_BOUND_MS)

    const quoted = await measured(session.header, quotedDirectory())
    console.info(`directory preview, 5 MB of quoted lines: ${quoted.ms.toFixed(0)} ms, slowest /api/health ${quoted.healthMs.toFixed(0)} ms`)
    expect(quoted.status).toBe(200)
    expect(quoted.body.errors.length).toBeGreaterThan(100_000)
    expect(quoted.ms).toBeLessThanOrEqual(PREVIEW_BOUND_MS)
    expect(quoted.healthMs).toBeLessThanOrEqual(HEALTH_BOUND_MS)
  }, 120_000)
})

describe('slow clients (issue 11 finding 6)', () => {
  it('a body sent a byte a second, or a head that never ends, is cut off within 30 s', async () => {
    const slowBody = trickle(
      server.url,
      'POST /api/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
      '"a":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    )
    const slowHead = trickle(server.url, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')
    const [body, head] = await Promise.all([slowBody, slowHead])
    expect(body.heldMs).toBeLessThanOrEqual(32_000)
    expect(head.heldMs).toBeLessThanOrEqual(32_000)
    expect(body.answer).toMatch(/^HTTP\/1\.1 408/)
  }, 60_000)

  it('caps open connections per address: beyond the cap a 503, and the server answers once they close', async () => {
    const { sockets, refused } = await openIdle(server.url, MAX_CONNECTIONS + 5)
    // Kept-alive connections of this process's earlier requests count too: at most the cap stay open.
    expect(sockets.length).toBeLessThanOrEqual(MAX_CONNECTIONS)
    expect(sockets.length).toBeGreaterThan(MAX_CONNECTIONS - 5)
    expect(sockets.length + refused.length).toBe(MAX_CONNECTIONS + 5)
    for (const answer of refused) expect(answer).toMatch(/^HTTP\/1\.1 503 .*\r\n[\s\S]*Trop de connexions/)
    for (const socket of sockets) socket.destroy()
    await new Promise((r) => setTimeout(r, 300))
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
  }, 30_000)
})
