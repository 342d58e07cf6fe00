import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '@/lib/auth/password'
import { databaseProvider, db } from '@/lib/db'
import { signIn, startServer, stopServer, type ServerHandle } from './support/production-server'
import { heldRequest } from './support/raw-http'

// Against the real production server (build + node:http wrapper) on this file's database copy:
// durability under SIGKILL, draining on SIGTERM, security headers and cookies, no personal data in logs.
// One file so the build happens once; its steps run in order.

const PORT = Number(process.env.SECURITY_SERVER_PORT || 3109)
const dbFile = process.env.DATABASE_URL!.replace(/^file:/, '')
let server: ServerHandle | undefined

const report = (i: number, tag: string) => ({
  message: `Votre identifiant ou votre mot de passe est incorrect (${tag} ${i})`,
  fullName: `Personne ${tag} ${i}`,
  profile: 'PARENT',
  email: `personne.${tag}.${i}@example.test`,
  establishment: 'Collège des Tests',
  login: `login.${tag}.${i}`,
})

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

/**
 * The SQLite file's own check. PostgreSQL's storage is its server's (its WAL replays what it
 * committed; the app process being killed does not touch it): there, what these steps check is the
 * app's promise, every answered report stored.
 */
function integrity(): string {
  if (databaseProvider() === 'postgresql') return 'ok'
  const sqlite = new Database(dbFile)
  try {
    return sqlite.pragma('integrity_check', { simple: true }) as string
  } finally {
    sqlite.close()
  }
}

beforeAll(async () => {
  server = await startServer({ port: PORT, dbFile })
}, 300_000)

afterAll(async () => {
  await stopServer(server, 'SIGKILL')
})

describe('production server', () => {
  it('sends a nonce CSP and the security headers; the page scripts carry that nonce', async () => {
    const first = await fetch(`${server!.url}/`)
    const second = await fetch(`${server!.url}/`)
    const csp = first.headers.get('content-security-policy')!
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(second.headers.get('content-security-policy')).not.toContain(nonce)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(first.headers.get('x-content-type-options')).toBe('nosniff')
    expect(first.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(first.headers.get('x-frame-options')).toBe('DENY')
    expect(first.headers.get('strict-transport-security')).toBeNull()
    const html = await first.text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)

    const api = await fetch(`${server!.url}/api/health`)
    expect(api.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('acknowledges only durable reports: a SIGKILL mid-burst loses none of the answered ones', async () => {
    const total = 600
    const killAfter = 150
    const answered: { reference: string; sent: ReturnType<typeof report> }[] = []
    let killed = false
    const burst = Array.from({ length: total }, async (_, i) => {
      const sent = report(i, 'burst')
      try {
        const res = await post(server!.url, sent)
        if (res.status === 201) {
          const body = (await res.json()) as { reference: string }
          answered.push({ reference: body.reference, sent })
        } else if (!killed) {
          throw new Error(`unexpected status ${res.status}: ${await res.text()}`)
        }
      } catch (error) {
        if (!killed) throw error
      }
      if (!killed && answered.length >= killAfter) {
        killed = true
        server!.child.kill('SIGKILL')
      }
    })
    await Promise.all(burst)
    expect(killed).toBe(true)
    expect(await server!.exited).toBeNull()
    expect(answered.length).toBeGreaterThanOrEqual(killAfter)
    expect(answered.length).toBeLessThan(total)

    server = await startServer({ port: PORT, dbFile, full: false })
    expect(integrity()).toBe('ok')
    const rows = await db.ticket.findMany({
      where: { reference: { in: answered.map((a) => a.reference) } },
      select: { reference: true, message: true, fullName: true, profile: true, email: true, establishment: true, login: true },
    })
    const byReference = new Map(rows.map((r) => [r.reference, r]))
    for (const { reference, sent } of answered) expect(byReference.get(reference)).toEqual({ reference, ...sent })
  })

  it('drains in-flight requests on SIGTERM, then exits 0 with a sound database', async () => {
    const count = 20
    // Warm the route first: a cold first request blocks the event loop while modules load, and
    // connections whose request head is not parsed yet count as idle (closed at once on SIGTERM).
    expect((await post(server!.url, report(0, 'warm'))).status).toBe(201)
    const bodies = Array.from({ length: count }, (_, i) => JSON.stringify(report(i, 'drain')))
    // Everything but the last byte: the server is now reading requests it must finish.
    const requests = bodies.map((body) => heldRequest(`${server!.url}/api/reports`, body))
    await Promise.all(requests.map((r) => r.connected))
    // Let the server parse the request heads before it is told to stop.
    await new Promise((r) => setTimeout(r, 500))
    server!.child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 200))
    for (const r of requests) r.finish()

    const answers = await Promise.all(requests.map((r) => r.answer))
    expect(answers.map((a) => a.status)).toEqual(Array(count).fill(201))
    expect(await server!.exited).toBe(0)
    expect(server!.log()).toMatch(/SIGTERM reçu/)
    expect(integrity()).toBe('ok')
    const references = answers.map((a) => (JSON.parse(a.body) as { reference: string }).reference)
    expect(await db.ticket.count({ where: { reference: { in: references } } })).toBe(count)

    server = await startServer({ port: PORT, dbFile, full: false })
  })

  it('keeps personal data out of the server log during a full flow; session cookie is HttpOnly + SameSite=Lax', async () => {
    const logStart = server!.log().length
    const secret = {
      message: 'Identifiant inconnu LogSecretMessage',
      fullName: 'Zoé Confidentielle',
      email: 'zoe.confidentielle@example.test',
      login: 'zoe.conf.login',
      entLogin: 'zoe.ent.login',
      url: 'https://zoe-secret.index-education.net/pronote/',
      profile: 'ELEVE',
    }
    const created = await post(server!.url, secret, { origin: server!.url })
    expect(created.status).toBe(201)
    const { reference, trackingUrl } = (await created.json()) as { reference: string; trackingUrl: string }
    const token = new URL(trackingUrl).searchParams.get('t')!
    expect((await fetch(`${server!.url}/api/reports/${reference}?t=${token}`)).status).toBe(200)
    expect((await fetch(trackingUrl.replace(/^https?:\/\/[^/]+/, server!.url))).status).toBe(200)
    expect((await fetch(`${server!.url}/api/reports/${reference}?t=wrong-${token}`)).status).toBe(404)

    const password = 'Mot-de-passe-tres-secret-42'
    const admin = await db.staffUser.create({
      data: { email: 'admin.secret@example.test', name: 'Admin Secret', role: 'ADMIN', passwordHash: await hashPassword(password) },
    })
    const cookie = await signIn(server!.url, admin.email, password)
    expect(cookie.setCookie).toMatch(/HttpOnly/i)
    expect(cookie.setCookie).toMatch(/SameSite=Lax/i)
    expect(cookie.setCookie).not.toMatch(/;\s*Secure/i) // http://localhost: Secure would drop the cookie
    await signIn(server!.url, admin.email, 'wrong-password-LogSecret').catch(() => undefined)

    const ticket = await db.ticket.findUniqueOrThrow({ where: { reference }, select: { version: true } })
    const patch = await fetch(`${server!.url}/api/admin/tickets/${reference}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: cookie.header, origin: server!.url },
      body: JSON.stringify({ version: ticket.version, status: 'IN_PROGRESS', note: 'Note interne LogSecretNote' }),
    })
    expect(patch.status).toBe(200)

    const log = server!.log().slice(logStart)
    for (const value of [...Object.values(secret).filter((v) => v !== 'ELEVE'), token, admin.email, password, 'LogSecret', cookie.value]) {
      expect(log, `log leaks ${value}`).not.toContain(value)
    }
  })
})
