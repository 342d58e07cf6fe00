import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { submitReportAction } from '@/app/actions'
import { POST as importPOST } from '@/app/api/admin/directory/import/route'
import { PATCH as ticketPATCH } from '@/app/api/admin/tickets/[reference]/route'
import { POST as classifyPOST } from '@/app/api/classify/route'
import { POST as reportsPOST } from '@/pages/api/reports'
import { databaseProvider, db } from '@/lib/db'
import { emptyReportValues, type ReportFormState } from '@/lib/reports/form'
import { reportFields } from '@/lib/reports/schemas'
import { resetRateLimits } from '@/lib/security/rate-limits'
import { createStaff, createTicketRow } from '@/tests/support/factories'
import { sessionCookie } from '@/tests/support/session'

// Property-based: thousands of generated inputs thrown at every public write path and at the admin
// ones. Every answer is the documented success or a 4xx with a French message, never a 5xx or an
// exception, and nothing partial is stored (row counts are checked around each call).

const SEED = Number(process.env.FUZZ_SEED) || undefined
const runs = (n: number) => ({ numRuns: n, seed: SEED, endOnFailure: true })

const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  'a\udc00b',
  '\u202e\u200b\ufeff',
  'x'.repeat(70_000),
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  "'; DROP TABLE Ticket; --",
  '../../etc/passwd',
  '9'.repeat(400),
  '2026-02-30T25:61',
)
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 300 }), nasty)
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null))
const key = fc.oneof(fc.constantFrom(...reportFields, '__proto__', 'constructor', 'prototype', 'version', 'status', 'note'), fc.string())
const { value: anyValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
}))

const validish = {
  message: fc.oneof(fc.constantFrom('Votre identifiant ou votre mot de passe est incorrect', 'Site inaccessible'), text),
  fullName: fc.oneof(fc.constantFrom('Camille Dupont'), text),
  profile: fc.oneof(fc.constantFrom('ELEVE', 'PARENT', 'PROFESSEUR', 'AUTRE', ''), scalar),
  email: fc.oneof(fc.constantFrom('a@example.test', ''), scalar),
  establishment: scalar,
  login: scalar,
  entName: scalar,
  entLogin: scalar,
  url: scalar,
  occurredAt: fc.oneof(fc.constantFrom('2026-01-15T08:30', '15/01/2026 08:30', ''), scalar),
}
const reportLike = fc.record(validish, { requiredKeys: [] })

/** A raw request body: JSON of many shapes, broken JSON, duplicate keys, deep nesting, raw bytes. */
const body: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  anyValue.map((v) => JSON.stringify(v) ?? 'undefined'),
  reportLike.map((v) => JSON.stringify(v)),
  fc.tuple(reportLike, fc.nat()).map(([v, n]) => JSON.stringify(v).slice(0, n % 200)),
  fc.tuple(text, text).map(([a, b]) => `{"message":${JSON.stringify(a)},"fullName":"x","message":${JSON.stringify(b)},"fullName":{}}`),
  fc.constantFrom(
    '{"__proto__":{"polluted":true},"message":"a","fullName":"b"}',
    '{"constructor":{"prototype":{"polluted":true}},"message":"a","fullName":"b"}',
    '['.repeat(5000) + ']'.repeat(5000),
    '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
    '{"message":"\\ud800","fullName":"\\udfff x"}',
    '',
    'null',
    '{',
  ),
  fc.uint8Array({ maxLength: 300 }),
)
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/vnd.api+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  undefined,
)
const address = fc.ipV4()

function request(path: string, method: string, payload: string | Uint8Array, type: string | undefined, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { host: 'localhost:3000', ...extra }
  if (type) headers['content-type'] = type
  return new Request(`http://localhost:3000${path}`, { method, headers, body: payload as BodyInit })
}

/** A 4xx must explain itself in French: a non-empty `message` somewhere in the JSON answer. */
async function expectClearRefusal(res: Response) {
  expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(400)
  expect(res.status).toBeLessThan(500)
  const messages: string[] = []
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect)
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'message' && typeof x === 'string' && x) messages.push(x)
        else collect(x)
      }
  }
  collect(await res.json())
  expect(messages.length).toBeGreaterThan(0)
}

beforeAll(async () => {
  // This file's private copy: durability is proven elsewhere (production-server.test.ts); here an
  // fsync per generated report would only slow thousands of cases down (the PostgreSQL test cluster
  // runs without fsync already).
  if (databaseProvider() === 'sqlite') await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
  // Prototype pollution would show up on every object.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
})

describe('fuzzing the public write paths', () => {
  it('POST /api/reports: 201 with a stored report, or a clear 4xx and nothing stored', async () => {
    await fc.assert(
      fc.asyncProperty(body, contentType, address, async (payload, type, ip) => {
        const before = await db.ticket.count()
        const res = await reportsPOST(request('/api/reports', 'POST', payload, type, { 'x-relais-client-address': ip }))
        if (res.status === 201) {
          const { reference } = (await res.json()) as { reference: string }
          expect(await db.ticket.count()).toBe(before + 1)
          expect(await db.ticket.findUnique({ where: { reference }, select: { id: true } })).not.toBeNull()
        } else {
          await expectClearRefusal(res)
          expect(await db.ticket.count()).toBe(before)
        }
      }),
      runs(700),
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('POST /api/classify: 200 with a verdict, or a clear 4xx', async () => {
    resetRateLimits()
    await fc.assert(
      fc.asyncProperty(fc.oneof(body, text.map((t) => JSON.stringify({ message: t }))), contentType, async (payload, type) => {
        const res = await classifyPOST(request('/api/classify', 'POST', payload, type))
        if (res.status === 200) expect(await res.json()).toHaveProperty('category')
        else await expectClearRefusal(res)
      }),
      runs(800),
    )
  })

  it('report form action: redirect with a stored report, or the form back with its values and nothing stored', async () => {
    const initial: ReportFormState = { status: 'editing', values: emptyReportValues(), fieldErrors: {} }
    // Form bodies reach the action decoded from UTF-8 bytes: always well-formed text (toWellFormed).
    const formEntries = fc.array(fc.tuple(key, fc.oneof(text, fc.constant('file'))), { maxLength: 12 })
    await fc.assert(
      fc.asyncProperty(reportLike, formEntries, async (fields, extra) => {
        resetRateLimits()
        const form = new FormData()
        for (const [k, v] of Object.entries(fields)) form.append(k, String(v).toWellFormed())
        for (const [k, v] of extra) form.append(k.toWellFormed(), v === 'file' ? new Blob(['x']) : v.toWellFormed())
        const before = await db.ticket.count()
        let state: ReportFormState | 'redirect'
        try {
          state = await submitReportAction(initial, form)
        } catch (error) {
          if (!String((error as { digest?: unknown }).digest).startsWith('NEXT_REDIRECT')) throw error
          state = 'redirect'
        }
        const stored = (await db.ticket.count()) - before
        if (state === 'redirect') expect(stored).toBe(1)
        else {
          expect(stored).toBe(0)
          expect(['editing', 'received']).toContain(state.status)
          expect(Object.keys(state.values).sort()).toEqual([...reportFields].sort())
        }
      }),
      runs(300),
    )
  })
})

describe('fuzzing the admin write paths', () => {
  it('PATCH /api/admin/tickets/[reference]: 200, or a clear 4xx and the ticket untouched', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const cookie = await sessionCookie(admin)
    const ticket = await createTicketRow()
    const patchBody = fc.oneof(
      body,
      fc
        .record(
          { version: fc.oneof(fc.constant(1), scalar), status: scalar, category: scalar, note: text, publicMessage: scalar, assigneeId: scalar },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v)),
    )
    await fc.assert(
      fc.asyncProperty(patchBody, contentType, fc.constantFrom(ticket.reference, 'RL-NOPE-0000', '%00', '__proto__'), async (payload, type, ref) => {
        const before = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { _count: { select: { events: true } } } })
        const res = await ticketPATCH(request(`/api/admin/tickets/${ref}`, 'PATCH', payload, type, { cookie }), {
          params: Promise.resolve({ reference: ref }),
        })
        const after = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { _count: { select: { events: true } } } })
        if (res.status === 200) expect(after.version).toBe(before.version + 1)
        else {
          await expectClearRefusal(res)
          expect(after).toEqual(before)
        }
      }),
      runs(250),
    )
  })

  it('POST /api/admin/directory/import: a report of what was read, or a clear 4xx and nothing imported', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const cookie = await sessionCookie(admin)
    const header = 'Nom;Prénom;Identifiant;Profil;Classe;Date de naissance'
    const csvLine = fc
      .array(fc.oneof(text, fc.constantFrom('"', '""', ';', ',', '\r', '\n', 'ELEVE', 'Élève', 'dupont.c')), { maxLength: 8 })
      .map((cells) => cells.join(fc.sample(fc.constantFrom(';', ',', '\t'), 1)[0]))
    const csv = fc.oneof(
      fc.array(csvLine, { maxLength: 20 }).map((lines) => [header, ...lines].join('\n')),
      fc.array(csvLine, { maxLength: 20 }).map((lines) => lines.join('\r\n')),
      fc.uint8Array({ maxLength: 2000 }),
      fc.constantFrom('', '\ufeff' + header, header + '\n"unterminated;quote'),
    )
    const upload = fc.oneof(
      csv.map((content) => {
        const form = new FormData()
        form.set('file', new Blob([content as BlobPart]), 'annuaire.csv')
        return form as FormData | string
      }),
      body.map((b) => (typeof b === 'string' ? b : new TextDecoder().decode(b))),
    )
    await fc.assert(
      fc.asyncProperty(upload, fc.boolean(), async (payload, dryRun) => {
        const before = await db.directoryAccount.count()
        const req =
          typeof payload === 'string'
            ? request('/api/admin/directory/import', 'POST', payload, 'multipart/form-data; boundary=xyz', { cookie })
            : new Request(`http://localhost:3000/api/admin/directory/import${dryRun ? '?dryRun=1' : ''}`, {
                method: 'POST',
                headers: { cookie },
                body: payload,
              })
        const res = await importPOST(req)
        const after = await db.directoryAccount.count()
        if (res.status === 200) {
          const json = (await res.json()) as { created: number; updated: number; errors: unknown[] }
          expect(after - before).toBe(dryRun && typeof payload !== 'string' ? 0 : json.created)
        } else {
          await expectClearRefusal(res)
          expect(after).toBe(before)
        }
      }),
      runs(150),
    )
  })
})
