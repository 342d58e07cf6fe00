import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, stopServer, type ServerHandle } from './support/production-server'

// Issue 17: proxy.ts no longer runs for the JSON API or static files. Their fixed headers come from
// next.config.js `headers()`, and HSTS, which depends on the deployment (a trusted proxy's
// X-Forwarded-Proto, or an https public address), from scripts/server.mjs, on every answer. Against
// the production server, behind a trusted proxy (TRUST_PROXY=1).

const PORT = Number(process.env.SECURITY_SERVER_PORT || 3109)
const dbFile = process.env.DATABASE_URL!.replace(/^file:/, '')
let server: ServerHandle | undefined
const https = { 'x-forwarded-proto': 'https' }

beforeAll(async () => {
  server = await startServer({ port: PORT, dbFile, env: { TRUST_PROXY: '1' } })
}, 300_000)

afterAll(async () => {
  await stopServer(server, 'SIGTERM')
})

describe('headers of the JSON API and static files, without the proxy', () => {
  it('the API keeps its constant CSP and the common headers; the tracking API no Referer and no indexing', async () => {
    const health = await fetch(`${server!.url}/api/health`)
    expect(health.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    expect(health.headers.get('x-content-type-options')).toBe('nosniff')
    expect(health.headers.get('x-frame-options')).toBe('DENY')
    expect(health.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    const tracking = await fetch(`${server!.url}/api/reports/RL-0000-0000?t=x`)
    expect(tracking.status).toBe(404)
    expect(tracking.headers.get('referrer-policy')).toBe('no-referrer')
    expect(tracking.headers.get('x-robots-tag')).toBe('noindex')
  })

  it('HSTS when a trusted proxy says https, on pages, the API and static files; never over plain http', async () => {
    const page = await fetch(`${server!.url}/`, { headers: https })
    const script = /<script\b[^>]*\bsrc="(\/_next\/static\/[^"]+)"/.exec(await page.text())?.[1]
    expect(script).toBeTruthy()
    expect(page.headers.get('content-security-policy')).toContain('upgrade-insecure-requests')
    for (const path of ['/', '/api/health', '/api/reports/RL-0000-0000?t=x', script!]) {
      const secure = await fetch(`${server!.url}${path}`, { headers: https })
      expect(secure.headers.get('strict-transport-security'), path).toMatch(/^max-age=\d+; includeSubDomains$/)
      const plain = await fetch(`${server!.url}${path}`)
      expect(plain.headers.get('strict-transport-security'), path).toBeNull()
      await Promise.all([secure.body?.cancel(), plain.body?.cancel()])
    }
  })
})
