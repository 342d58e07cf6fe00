import { NextRequest } from 'next/server'
import { describe, expect, it } from 'vitest'
import { proxy } from '@/proxy'

// proxy.ts: pages get a fresh nonce CSP and the pathname header; JSON API responses get the same
// security headers with a constant, locked-down CSP; next-auth's HTML routes keep the page policy.

const run = (path: string) => proxy(new NextRequest(`http://localhost:3000${path}`))

describe('proxy security headers', () => {
  it('API responses: constant CSP that allows nothing, plus the common headers', () => {
    const res = run('/api/admin/tickets?status=NEW')
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    )
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    // The request goes on untouched (no request-header rewrite on the hot path).
    expect(res.headers.get('x-middleware-override-headers')).toBeNull()
  })

  it('tracking page: no Referer to other sites (same-origin keeps its no-JavaScript forms working), no indexing', () => {
    const res = run('/suivi/RL-7K3F-9Q2M?t=secret')
    expect(res.headers.get('referrer-policy')).toBe('same-origin')
    expect(res.headers.get('x-robots-tag')).toBe('noindex')
  })

  it('tracking API: no Referer, no indexing', () => {
    const res = run('/api/reports/RL-7K3F-9Q2M')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('x-robots-tag')).toBe('noindex')
  })

  it('pages and next-auth routes: a fresh nonce per request, passed to the page with its pathname', () => {
    for (const path of ['/admin?status=NEW', '/api/auth/signin']) {
      const a = run(path)
      const b = run(path)
      const csp = a.headers.get('content-security-policy')!
      expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/)
      expect(b.headers.get('content-security-policy')).not.toBe(csp)
      expect(a.headers.get('x-content-type-options')).toBe('nosniff')
      expect(a.headers.get('x-middleware-request-x-relais-pathname')).toBe(path)
    }
  })
})
