import { describe, expect, it } from 'vitest'
import { GET } from '@/app/api/reports/[reference]/route'
import { POST } from '@/pages/api/reports'
import { db } from '@/lib/db'
import { getTrackedReport } from '@/lib/reports/queries'

// Distinct names: the per-person rate limit must not be what these tests measure.
let people = 0
async function fileReport(message: string) {
  const res = await POST(
    new Request('http://relais.test/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message, fullName: `Camille Martin ${++people}`, profile: 'ELEVE' }),
    }),
  )
  expect(res.status).toBe(201)
  const body = (await res.json()) as { reference: string; trackingUrl: string }
  return { reference: body.reference, token: new URL(body.trackingUrl).searchParams.get('t')! }
}

function track(reference: string, token?: string) {
  const qs = token === undefined ? '' : `?t=${encodeURIComponent(token)}`
  return GET(new Request(`http://relais.test/api/reports/${reference}${qs}`), { params: Promise.resolve({ reference }) })
}

describe('GET /api/reports/{reference}', () => {
  it('200 with status, diagnosis and self-help for the token holder', async () => {
    const { reference, token } = await fileReport('Votre identifiant ou votre mot de passe est incorrect')
    const res = await track(reference, token)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = await res.json()
    expect(body).toMatchObject({
      reference,
      status: 'NEW',
      statusLabel: 'Nouveau',
      category: 'BAD_CREDENTIALS',
      label: expect.any(String),
      publicMessage: null,
      selfHelp: { title: expect.any(String), steps: expect.any(Array) },
    })
    expect(new Date(body.createdAt).getTime()).not.toBeNaN()
    expect(JSON.stringify(body)).not.toMatch(/trackingTokenHash|Camille/)
  })

  it('shows what an agent changed: status, category and public message', async () => {
    const { reference, token } = await fileReport('Votre identifiant ou votre mot de passe est incorrect')
    await db.ticket.update({
      where: { reference },
      data: { status: 'WAITING_USER', category: 'ESPACE_ACCESS_DISABLED', publicMessage: 'Nous avons réactivé votre accès.' },
    })
    const body = await (await track(reference, token)).json()
    expect(body).toMatchObject({
      status: 'WAITING_USER',
      statusLabel: 'En attente de votre réponse',
      category: 'ESPACE_ACCESS_DISABLED',
      publicMessage: 'Nous avons réactivé votre accès.',
    })
    // Access to the Espace is the school's to fix: no self-help offered.
    expect(body).not.toHaveProperty('selfHelp')
  })

  it('accepts the reference in lower case', async () => {
    const { reference, token } = await fileReport('Identification impossible')
    expect((await track(reference.toLowerCase(), token)).status).toBe(200)
  })

  it('404 with a wrong, missing or malformed token, another ticket’s token, or an unknown reference', async () => {
    const a = await fileReport('Identification impossible')
    const b = await fileReport('HTTP Error 503')
    const flipped = (a.token[0] === 'A' ? 'B' : 'A') + a.token.slice(1)
    const attempts: [string, string | undefined][] = [
      [a.reference, undefined],
      [a.reference, ''],
      [a.reference, flipped],
      [a.reference, b.token],
      [b.reference, a.token],
      [a.reference, a.token + 'x'],
      ['RL-0000-0000', a.token],
      ['not-a-reference', a.token],
    ]
    for (const [reference, token] of attempts) {
      const res = await track(reference, token)
      expect(res.status, `${reference} ${token}`).toBe(404)
      // The one error shape: the same code and French message whatever was wrong (no oracle).
      expect(await res.json()).toEqual({ error: 'not_found', message: 'Introuvable.' })
    }
  })
})

describe('getTrackedReport', () => {
  it('returns the DTO for the right token and NOT_FOUND otherwise', async () => {
    const { reference, token } = await fileReport('Le site n’est pas disponible')
    const found = await getTrackedReport(reference, token)
    expect(found.ok && found.value).toMatchObject({ reference, status: 'NEW', diagnosis: { category: 'SITE_UNAVAILABLE' } })
    expect(found.ok && Object.keys(found.value)).not.toContain('trackingTokenHash')
    expect(await getTrackedReport(reference, null)).toEqual({ ok: false, code: 'NOT_FOUND' })
    expect(await getTrackedReport(42, token)).toEqual({ ok: false, code: 'NOT_FOUND' })
  })
})
