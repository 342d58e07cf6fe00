import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '@/lib/auth/password'
import { db } from '@/lib/db'
import { startServer, stopServer, type ServerHandle } from './support/production-server'
import { rawRequest } from './support/raw-http'

// Issue 11, finding 7 against the production server: bad UTF-8 in a dynamic path is a 404, not a
// bare 500; malformed cookies and sign-in bodies write one log line each, never a stack trace; the
// queue page says in French that a date does not exist. (tests/security/http-edge.test.ts: in-process.)

const PORT = Number(process.env.SECURITY_SERVER_PORT || 3109) + 1
const dbFile = process.env.DATABASE_URL!.replace(/^file:/, '')
let server: ServerHandle | undefined
const url = (path: string) => `${server!.url}${path}`

/** Lines a stack trace is made of ("    at fn (file:1:2)"). */
const stackLines = (log: string) => log.split('\n').filter((line) => /^\s+at\s/.test(line) || /stack:/.test(line))

beforeAll(async () => {
  server = await startServer({ port: PORT, dbFile })
}, 300_000)

afterAll(async () => {
  await stopServer(server, 'SIGTERM')
})

describe('production server edge', () => {
  it.each(['/suivi/%C0%AE', '/admin/tickets/%C0%AE', '/api/admin/tickets/%C0%AE', '/api/reports/%C0%AE?t=x', '/suivi/%FF'])(
    'answers 404 to bad UTF-8 in %s',
    async (path) => {
      const res = await fetch(url(path), { redirect: 'manual' })
      expect(res.status).toBe(404)
      if (path.startsWith('/api/')) expect(await res.json()).toMatchObject({ error: 'not_found', message: expect.any(String) })
      else expect(await res.text()).toContain('Page introuvable')
    },
  )

  it('logs one line, no stack, for malformed session cookies and a malformed sign-in body', async () => {
    const logStart = server!.log().length
    const cookies = ['next-auth.session-token=abc.def.ghi', 'next-auth.session-token=%E0%A4%A', 'next-auth.session-token=eyJhbGciOiJkaXIifQ..x.y.z']
    for (const cookie of cookies) {
      for (const path of ['/api/auth/session', '/api/admin/tickets', '/admin']) {
        const res = await fetch(url(path), { headers: { cookie }, redirect: 'manual' })
        expect(res.status).toBeLessThan(500)
      }
    }
    const signIn = await fetch(url('/api/auth/callback/credentials'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server!.url },
      body: '{"email": "x@example.test", "password": ',
    })
    expect(signIn.status).toBe(400)
    await new Promise((r) => setTimeout(r, 300))
    const log = server!.log().slice(logStart)
    expect(stackLines(log)).toEqual([])
    const lines = log.split('\n').filter(Boolean)
    // next-auth reports the undecodable tokens (one line each, its code and the error's message).
    const sessionErrors = lines.filter((l) => l.includes('JWT_SESSION_ERROR'))
    expect(sessionErrors.length).toBeGreaterThan(0)
    for (const line of sessionErrors) expect(line).toMatch(/^\[auth\] JWT_SESSION_ERROR : [^\n]{1,200}$/)
    expect(lines.filter((l) => l.includes('corps JSON refusé')).length).toBe(1)
  })

  it('serves the OpenAPI document of the JSON API', async () => {
    const res = await fetch(url('/api/openapi.json'))
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ openapi: '3.1.0', paths: { '/api/reports': { post: { operationId: 'createReport' } } } })
  })

  it('shows a French message on /admin when a queue date does not exist', async () => {
    const password = 'Mot-de-passe-du-test-dates-42'
    const agent = await db.staffUser.create({
      data: { email: 'agent.dates@example.test', name: 'Agent Dates', role: 'AGENT', passwordHash: await hashPassword(password) },
    })
    const cookie = await signIn(agent.email, password)
    const page = await fetch(url('/admin?from=2026-99-99'), { headers: { cookie } })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Certains filtres sont invalides')
    expect(html).toMatch(/Cette date n(’|&#x27;|')existe pas/)
    const api = await fetch(url('/api/admin/tickets?from=2026-99-99'), { headers: { cookie } })
    expect(api.status).toBe(400)
    expect(api.headers.get('cache-control')).toBe('no-store')
  })
})

// POST /api/reports is served by the Pages Router (lib/http/node-route.ts, issue 17): the same edge
// checks and answers as every App Router endpoint, through the real server.
describe('POST /api/reports through the Pages Router', () => {
  const report = JSON.stringify({ message: 'HTTP Error 503. The service is unavailable.', fullName: 'Noa Edge', profile: 'ELEVE' })
  const post = (headers: Record<string, string>, body: string | Buffer) => rawRequest(server!.url, { method: 'POST', path: '/api/reports', headers, body })

  it('files a report: 201, the API headers, no caching, and its tracking link', async () => {
    const res = await post({ 'content-type': 'application/json', origin: server!.url }, report)
    expect(res.status).toBe(201)
    expect(res.headers['content-type']).toContain('application/json')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("default-src 'none'")
    const body = JSON.parse(res.body) as { reference: string; trackingUrl: string }
    expect(body.trackingUrl).toContain(`/suivi/${body.reference}?t=`)
    expect(await db.ticket.count({ where: { reference: body.reference } })).toBe(1)
  })

  it('refuses as the App Router edge does: 405, 403, 415, 413 (declared or streamed), 400', async () => {
    const get = await rawRequest(server!.url, { path: '/api/reports' })
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
    const crossSite = await post({ 'content-type': 'application/json', origin: 'https://evil.example' }, report)
    expect(crossSite.status).toBe(403)
    expect((await post({ 'content-type': 'text/plain' }, report)).status).toBe(415)
    const huge = Buffer.alloc(100_000, 'a')
    const declared = await post({ 'content-type': 'application/json', 'content-length': String(huge.length) }, huge)
    const streamed = await post({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, huge)
    for (const tooLarge of [declared, streamed]) {
      expect(tooLarge.status).toBe(413)
      expect(JSON.parse(tooLarge.body)).toMatchObject({ error: 'payload_too_large', message: expect.stringContaining('taille maximale') })
    }
    // The refused bodies were left unread: their connections closed, the next request is answered.
    const broken = await post({ 'content-type': 'application/json' }, '{"message": ')
    expect(broken.status).toBe(400)
    expect(JSON.parse(broken.body)).toMatchObject({ error: 'invalid_request' })
  })
})

async function signIn(email: string, password: string): Promise<string> {
  const csrf = await fetch(url('/api/auth/csrf'))
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const res = await fetch(url('/api/auth/callback/credentials'), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie, origin: server!.url },
    body: new URLSearchParams({ email, password, csrfToken, json: 'true' }),
  })
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token=')) ?? ''
  if (!setCookie) throw new Error(`sign-in failed: ${res.status}`)
  return setCookie.split(';')[0]!
}
