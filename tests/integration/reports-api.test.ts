import { describe, expect, it } from 'vitest'
import { POST as classifyPOST } from '@/app/api/classify/route'
import { POST } from '@/pages/api/reports'
import { db } from '@/lib/db'
import { hashTrackingToken } from '@/lib/reports/reference'

const origin = 'http://relais.test'

function jsonRequest(body: unknown, init: { headers?: Record<string, string>; path?: string } = {}) {
  return new Request(`${origin}${init.path ?? '/api/reports'}`, {
    method: 'POST',
    // A server always receives Host; the tracking link is built from it when no public address is set.
    headers: { host: new URL(origin).host, 'content-type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

const countTickets = () => db.ticket.count()
// Distinct names: the per-person rate limit must not be what these tests measure.
let people = 0
const someone = () => `Léa Test ${++people}`

describe('POST /api/reports', () => {
  it('files a report: 201 with reference, category, confidence, tracking URL and self-help; row stored', async () => {
    const res = await POST(
      jsonRequest({
        message: '  Votre identifiant ou votre mot de passe est incorrect ',
        fullName: ' Camille Martin ',
        profile: 'PARENT',
        email: 'camille@example.test',
        establishment: '0951099D',
        login: '',
        url: 'https://0951099d.index-education.net/pronote/parent.html',
        occurredAt: '2026-01-15T08:30',
        password: 'must never be stored',
      }),
    )
    expect(res.status).toBe(201)
    const body = await res.json()
    expect(body).toMatchObject({ category: 'BAD_CREDENTIALS', label: expect.any(String) })
    expect(body.reference).toMatch(/^RL-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    expect(body.confidence).toBeGreaterThan(0)
    expect(body.selfHelp.steps.length).toBeGreaterThan(0)
    const url = new URL(body.trackingUrl)
    expect(url.origin).toBe(origin)
    expect(url.pathname).toBe(`/suivi/${body.reference}`)
    const token = url.searchParams.get('t')!
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)

    const row = await db.ticket.findUniqueOrThrow({ where: { reference: body.reference }, include: { events: true } })
    expect(row).toMatchObject({
      message: 'Votre identifiant ou votre mot de passe est incorrect',
      fullName: 'Camille Martin',
      profile: 'PARENT',
      email: 'camille@example.test',
      establishment: '0951099D',
      login: null,
      entName: null,
      url: 'https://0951099d.index-education.net/pronote/parent.html',
      category: 'BAD_CREDENTIALS',
      autoCategory: 'BAD_CREDENTIALS',
      status: 'NEW',
      trackingTokenHash: hashTrackingToken(token),
    })
    expect(row.occurredAt.toISOString()).toBe('2026-01-15T07:30:00.000Z')
    expect(row.trackingTokenHash).not.toContain(token)
    const evidence = JSON.parse(row.evidence) as { text: string; category: string }[]
    expect(evidence.length).toBeGreaterThan(0)
    expect(evidence[0]!.category).toBe('BAD_CREDENTIALS')
    expect(JSON.stringify(row)).not.toContain('must never be stored')
    expect(row.events.map((e) => e.type)).toEqual(['CREATED'])
  })

  it('gives no self-help for an administrator-side cause, defaults profile and date', async () => {
    const before = Date.now()
    const res = await POST(jsonRequest({ message: 'HTTP Error 503. The service is unavailable.', fullName: someone() }))
    expect(res.status).toBe(201)
    const body = await res.json()
    expect(body.category).toBe('SERVER_NOT_PUBLISHED')
    expect(body).not.toHaveProperty('selfHelp')
    const row = await db.ticket.findUniqueOrThrow({ where: { reference: body.reference } })
    expect(row.profile).toBe('AUTRE')
    expect(row.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000)
  })

  it('gives every report its own reference and token', async () => {
    const bodies = await Promise.all(
      Array.from({ length: 5 }, () => POST(jsonRequest({ message: 'Identification impossible', fullName: someone() })).then((r) => r.json())),
    )
    expect(new Set(bodies.map((b) => b.reference)).size).toBe(5)
    expect(new Set(bodies.map((b) => new URL(b.trackingUrl).searchParams.get('t'))).size).toBe(5)
  })

  it.each([
    ['missing message and name', { profile: 'PARENT' }, ['message', 'fullName']],
    ['bad profile and e-mail', { message: 'x', fullName: someone(), profile: 'ROI', email: 'nope' }, ['profile', 'email']],
    ['message too long', { message: 'x'.repeat(2001), fullName: someone() }, ['message']],
    ['date in the far future', { message: 'x', fullName: someone(), occurredAt: '2100-01-01T00:00:00Z' }, ['occurredAt']],
    ['a JSON array', [], []],
  ])('400 on %s, with French issues; nothing stored', async (_name, input, fields) => {
    const before = await countTickets()
    const res = await POST(jsonRequest(input))
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error).toBe('invalid_request')
    expect(body.issues.length).toBeGreaterThan(0)
    for (const field of fields) {
      const issue = body.issues.find((i: { path: string[] }) => i.path[0] === field)
      expect(issue, field).toBeDefined()
      expect(issue.message).not.toMatch(/Invalid|expected/)
    }
    expect(await countTickets()).toBe(before)
  })

  it('400 on a body that is not JSON', async () => {
    const before = await countTickets()
    const res = await POST(jsonRequest('{"message": "x",'))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: 'invalid_request', issues: [{ path: [], message: expect.stringMatching(/JSON/) }] })
    expect(await countTickets()).toBe(before)
  })

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['']])('415 on content type "%s"', async (type) => {
    const before = await countTickets()
    const req = new Request(`${origin}/api/reports`, {
      method: 'POST',
      headers: type ? { 'content-type': type } : {},
      body: JSON.stringify({ message: 'x', fullName: someone() }),
    })
    if (!type) req.headers.delete('content-type')
    const res = await POST(req)
    expect(res.status).toBe(415)
    expect(await countTickets()).toBe(before)
  })

  it('accepts application/json with a charset', async () => {
    const res = await POST(jsonRequest({ message: 'x', fullName: someone() }, { headers: { 'content-type': 'application/json; charset=utf-8' } }))
    expect(res.status).toBe(201)
  })

  it('413 when Content-Length announces more than 16 KB', async () => {
    const before = await countTickets()
    const body = JSON.stringify({ message: 'x', fullName: someone(), url: 'a'.repeat(17 * 1024) })
    const res = await POST(jsonRequest(body, { headers: { 'content-length': String(Buffer.byteLength(body)) } }))
    expect(res.status).toBe(413)
    expect(await countTickets()).toBe(before)
  })

  it('413 when a streamed body without Content-Length grows past 16 KB, without reading it all', async () => {
    const before = await countTickets()
    let pulled = 0
    const chunk = new TextEncoder().encode('a'.repeat(1024))
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"message":"x","fullName":"y","url":"'))
      },
      pull(controller) {
        pulled++
        if (pulled > 1000) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const req = new Request(`${origin}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(req.headers.get('content-length')).toBeNull()
    const res = await POST(req)
    expect(res.status).toBe(413)
    expect(pulled).toBeLessThan(40)
    expect(await countTickets()).toBe(before)
  })

  it('accepts a body just under the limit', async () => {
    const body = JSON.stringify({ message: 'Identification impossible', fullName: someone(), extra: 'a'.repeat(15 * 1024) })
    const res = await POST(jsonRequest(body))
    expect(res.status).toBe(201)
  })
})

describe('POST /api/classify', () => {
  it('classifies without storing anything', async () => {
    const before = await countTickets()
    const res = await classifyPOST(
      jsonRequest({ message: 'Il est écrit : Identification impossible, avec un bouton Envoyer' }, { path: '/api/classify' }),
    )
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ category: 'ENT_IDENTITY_MISMATCH', label: expect.any(String), evidence: expect.any(Array) })
    expect(body.confidence).toBeGreaterThan(0)
    expect(body.evidence[0]).toMatchObject({ category: 'ENT_IDENTITY_MISMATCH' })
    expect(await countTickets()).toBe(before)
  })

  it.each([
    ['empty message', { message: '   ' }, 400],
    ['missing message', {}, 400],
    ['message too long', { message: 'x'.repeat(2001) }, 400],
  ])('400 on %s', async (_name, input, status) => {
    const res = await classifyPOST(jsonRequest(input, { path: '/api/classify' }))
    expect(res.status).toBe(status)
    const body = await res.json()
    expect(body.error).toBe('invalid_request')
    expect(body.issues[0].path).toEqual(['message'])
    expect(body.issues[0].message).toMatch(/message|caractères/)
  })

  it('415 and 400 on non-JSON bodies', async () => {
    const plain = new Request(`${origin}/api/classify`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })
    expect((await classifyPOST(plain)).status).toBe(415)
    expect((await classifyPOST(jsonRequest('not json', { path: '/api/classify' }))).status).toBe(400)
  })
})
