import pg from 'pg'
import { beforeEach, describe, expect, it } from 'vitest'
import { submitReportAction } from '@/app/actions'
import { POST as classifyPOST } from '@/app/api/classify/route'
import { POST as reportsPOST } from '@/pages/api/reports'
import { databaseProvider, db, readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { emptyReportValues, type ReportFormState } from '@/lib/reports/form'
import { resetRateLimits } from '@/lib/security/rate-limits'

beforeEach(() => resetRateLimits())

const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost:3000${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', host: 'localhost:3000', ...headers },
    body: JSON.stringify(body),
  })

const report = (fullName: string, extra: Record<string, string> = {}) => ({
  message: 'Votre identifiant ou votre mot de passe est incorrect',
  fullName,
  profile: 'ELEVE',
  ...extra,
})

describe('POST /api/reports limits', () => {
  it('lets 30 people behind one school address through and stops one person repeating themselves', async () => {
    const school = { 'x-relais-client-address': '203.0.113.50' }
    const before = await db.ticket.count()
    for (let i = 0; i < 30; i++) {
      const res = await reportsPOST(json('/api/reports', report(`Élève ${i} Dupont`), school))
      expect(res.status).toBe(201)
    }
    for (let i = 0; i < 5; i++) expect((await reportsPOST(json('/api/reports', report('Jade Martin'), school))).status).toBe(201)
    const refused = await reportsPOST(json('/api/reports', report('MARTIN Jade'), school))
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await refused.json()).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/patienter/) })
    expect(await db.ticket.count()).toBe(before + 35)

    // Another client is not affected.
    expect((await reportsPOST(json('/api/reports', report('Jade Martin'), { 'x-relais-client-address': '198.51.100.9' }))).status).toBe(201)
  })

  it('refuses a cross-site Origin with a French 403 and stores nothing; same origin and no Origin pass', async () => {
    const before = await db.ticket.count()
    const res = await reportsPOST(json('/api/reports', report('Inès Cross'), { origin: 'https://evil.example' }))
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: 'cross_origin', message: expect.stringMatching(/autre site/) })
    expect(await db.ticket.count()).toBe(before)
    expect((await reportsPOST(json('/api/reports', report('Inès Same'), { origin: 'http://localhost:3000' }))).status).toBe(201)
    expect((await reportsPOST(json('/api/reports', report('Inès Curl')))).status).toBe(201)
  })

  it('refuses a streamed body over the limit before reading it whole', async () => {
    let pulled = 0
    const chunk = new Uint8Array(64 * 1024).fill(0x20)
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength
        if (pulled > 50 * 1024 * 1024) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const request = new Request('http://localhost:3000/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit)
    const res = await reportsPOST(request)
    expect(res.status).toBe(413)
    expect((await res.json()).message).toMatch(/taille maximale/)
    expect(pulled).toBeLessThan(1024 * 1024)

    const declared = await reportsPOST(
      new Request('http://localhost:3000/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
        body: '{}',
      }),
    )
    expect(declared.status).toBe(413)
  })
})

describe('POST /api/classify limits', () => {
  it('answers 600 calls a minute from one address, then 429 for that address only', async () => {
    const a = { 'x-relais-client-address': '192.0.2.77' }
    for (let i = 0; i < 600; i++) expect((await classifyPOST(json('/api/classify', { message: 'Site inaccessible' }, a))).status).toBe(200)
    const refused = await classifyPOST(json('/api/classify', { message: 'Site inaccessible' }, a))
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await classifyPOST(json('/api/classify', { message: 'x' }, { 'x-relais-client-address': '192.0.2.78' }))).status).toBe(200)
    expect((await classifyPOST(json('/api/classify', { message: 'x' }, { origin: 'https://evil.example' }))).status).toBe(403)
  })
})

describe('report form action', () => {
  const initial: ReportFormState = { status: 'editing', values: emptyReportValues(), fieldErrors: {} }
  const form = (fields: Record<string, string>) => {
    const f = new FormData()
    for (const [k, v] of Object.entries(fields)) f.set(k, v)
    return f
  }
  const submit = async (f: FormData) => {
    try {
      return await submitReportAction(initial, f)
    } catch (error) {
      if (String((error as { digest?: string }).digest).startsWith('NEXT_REDIRECT')) return 'redirect' as const
      throw error
    }
  }

  it('accepts a filled honeypot silently and stores nothing', async () => {
    const before = await db.ticket.count()
    const state = await submit(form({ ...report('Robot Spam'), website: 'https://spam.example' }))
    expect(state).toMatchObject({ status: 'received' })
    expect(await db.ticket.count()).toBe(before)
  })

  it('shows the French limit message in the form and keeps the input', async () => {
    const fields = report('Hugo Bernard', { login: 'h.bernard', email: 'hugo@example.test' })
    for (let i = 0; i < 5; i++) expect(await submit(form(fields))).toBe('redirect')
    const before = await db.ticket.count()
    const state = await submit(form(fields))
    expect(state).toMatchObject({ status: 'editing', formError: expect.stringMatching(/patienter/) })
    if (state === 'redirect') return
    expect(state.values).toMatchObject(fields)
    expect(await db.ticket.count()).toBe(before)
  })
})

const onPostgres = databaseProvider() === 'postgresql'

// PRAGMAs are SQLite's: PostgreSQL's counterpart is below.
describe.skipIf(onPostgres)('durable writes', () => {
  it('runs the insert connection with synchronous=FULL in WAL mode', async () => {
    const [sync] = await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>('PRAGMA synchronous')
    const [journal] = await db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode')
    expect(Number(sync!.synchronous)).toBe(2) // 2 = FULL
    expect(journal!.journal_mode).toBe('wal')
  })
})

describe.skipIf(!onPostgres)('durable writes on PostgreSQL', () => {
  it('commits with synchronous_commit on both connections: a COMMIT returns once its WAL is flushed', async () => {
    const [ours] = await readRows<{ synchronous_commit: string }>(Prisma.sql`SHOW synchronous_commit`)
    const [prisma] = await db.$queryRawUnsafe<{ synchronous_commit: string }[]>('SHOW synchronous_commit')
    // "off" acknowledges before the flush (a crash may lose the last commits); every other value waits.
    expect(ours!.synchronous_commit).not.toBe('off')
    expect(prisma!.synchronous_commit).not.toBe('off')
  })

  it('a 201 means committed: another connection sees the report at once', async () => {
    const res = await reportsPOST(json('/api/reports', report('Inès Durable'), { 'x-relais-client-address': '203.0.113.90' }))
    expect(res.status).toBe(201)
    const { reference } = (await res.json()) as { reference: string }
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await other.connect()
    try {
      const { rows } = await other.query('SELECT "fullName" FROM "Ticket" WHERE "reference" = $1', [reference])
      expect(rows).toEqual([{ fullName: 'Inès Durable' }])
    } finally {
      await other.end()
    }
  })
})
