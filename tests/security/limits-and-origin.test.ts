import { beforeEach, describe, expect, it } from 'vitest'
import { isSameOrigin, refuseCrossOrigin } from '@/lib/security/origin-check'
import {
  limitClassification,
  limitReportSubmission,
  normaliseIdentity,
  rateLimitedResponse,
  resetRateLimits,
} from '@/lib/security/rate-limits'
import { contentSecurityPolicy, securityHeaders, servedOverHttps } from '@/lib/security/headers'

const from = (address: string) => new Headers({ 'x-relais-client-address': address })

beforeEach(() => resetRateLimits())

describe('report submission limits (one school = one address)', () => {
  it('lets 30 different people behind one address through, stops one person repeating themselves', async () => {
    const school = from('203.0.113.10')
    for (let i = 0; i < 30; i++) {
      const decision = await limitReportSubmission(school, { fullName: `Élève Numéro ${i}`, login: `eleve${i}` })
      expect(decision.ok).toBe(true)
    }
    const person = { fullName: 'Camille Martin', login: null }
    for (let i = 0; i < 5; i++) expect((await limitReportSubmission(school, person)).ok).toBe(true)
    const stopped = await limitReportSubmission(school, { fullName: '  MARTIN   camille ' })
    expect(stopped.ok).toBe(false)
    if (stopped.ok) return
    expect(stopped.retryAfterSeconds).toBeGreaterThan(500)
    expect(stopped.message).toMatch(/patienter/)

    // Another person at the same school, and the same name at another school, are not affected.
    expect((await limitReportSubmission(school, { fullName: 'Noé Bernard' })).ok).toBe(true)
    expect((await limitReportSubmission(from('198.51.100.7'), person)).ok).toBe(true)
  })

  it('counts a person by login too: changing the name does not reset the count', async () => {
    const school = from('203.0.113.11')
    for (let i = 0; i < 5; i++) expect((await limitReportSubmission(school, { fullName: `Nom ${i}`, login: 'c.martin' })).ok).toBe(true)
    expect((await limitReportSubmission(school, { fullName: 'Encore autre', login: 'C.MARTIN' })).ok).toBe(false)
  })

  it('stops an address after 300 submissions in 10 minutes (RATE_LIMIT_REPORTS_PER_MIN=30)', async () => {
    const address = from('203.0.113.12')
    for (let i = 0; i < 300; i++) expect((await limitReportSubmission(address, { fullName: `Personne ${i}` })).ok).toBe(true)
    expect((await limitReportSubmission(address, { fullName: 'Personne 301' })).ok).toBe(false)
    expect((await limitReportSubmission(from('203.0.113.13'), { fullName: 'Personne 301' })).ok).toBe(true)
  })

  it('answers 429 with Retry-After and a French message', async () => {
    const response = rateLimitedResponse({ ok: false, retryAfterSeconds: 42, message: 'Merci de patienter.' })
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('42')
    expect(await response.json()).toMatchObject({ error: 'rate_limited', message: 'Merci de patienter.' })
  })

  it('normalises names: accents, case, spacing and word order', () => {
    expect(normaliseIdentity('  Élodie   MARTIN ')).toBe(normaliseIdentity('martin elodie'))
    expect(normaliseIdentity('   ')).toBe('')
  })
})

describe('classification limit', () => {
  it('allows 600 calls per minute per address, then refuses that address only', async () => {
    const a = from('192.0.2.1')
    for (let i = 0; i < 600; i++) expect((await limitClassification(a)).ok).toBe(true)
    const refused = await limitClassification(a)
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60)
    expect((await limitClassification(from('192.0.2.2'))).ok).toBe(true)
  })
})

describe('origin check of state-changing route handlers', () => {
  const post = (headers: Record<string, string>) =>
    new Request('http://localhost:3000/api/reports', { method: 'POST', headers: { host: 'localhost:3000', ...headers } })

  it('allows same-origin and absent Origin, refuses another or "null" origin with a French 403', async () => {
    expect(isSameOrigin(post({ origin: 'http://localhost:3000' }))).toBe(true)
    expect(isSameOrigin(post({}))).toBe(true)
    for (const origin of ['https://evil.example', 'http://localhost:3001', 'null', 'http://localhost:3000.evil.example']) {
      const refused = refuseCrossOrigin(post({ origin }))
      expect(refused?.status, origin).toBe(403)
      expect(await refused!.json()).toMatchObject({ error: 'cross_origin', message: expect.stringMatching(/autre site/) })
    }
  })
})

describe('security headers', () => {
  it('builds a nonce-based CSP without unsafe-inline scripts, framing refused', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123', https: false, development: false })
    const script = csp.split('; ').find((d) => d.startsWith('script-src'))!
    expect(script).toContain("'nonce-abc123'")
    expect(script).not.toContain('unsafe-inline')
    expect(script).not.toContain('unsafe-eval')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
  })

  it('adds HSTS only over https', () => {
    expect(securityHeaders({ https: false })['Strict-Transport-Security']).toBeUndefined()
    expect(securityHeaders({ https: true })['Strict-Transport-Security']).toMatch(/max-age=\d+/)
    const base = { forwardedProto: null, trustProxy: false, publicUrls: [] as string[] }
    expect(servedOverHttps(base)).toBe(false)
    expect(servedOverHttps({ ...base, forwardedProto: 'https' })).toBe(false)
    expect(servedOverHttps({ ...base, forwardedProto: 'https', trustProxy: true })).toBe(true)
    expect(servedOverHttps({ ...base, publicUrls: ['https://relais.example.fr'] })).toBe(true)
  })
})
