import { createRequire } from 'node:module'
import type { ProxyMatcher } from 'next/dist/build/analysis/get-page-static-info'
import { getMiddlewareRouteMatcher } from 'next/dist/shared/lib/router/utils/middleware-route-matcher'
import { describe, expect, it } from 'vitest'
import { config } from '@/proxy'

// Issue 17: proxy.ts runs for pages (per-request CSP nonce) and next-auth's HTML pages, not for the
// JSON API, static files or the OCR engine (their fixed headers come from next.config.js). The
// matcher is compiled by Next's own code, as the build does, and tried like Next's router tries it:
// on the raw path, then on the decoded one.

const { getMiddlewareMatchers } = createRequire(import.meta.url)('next/dist/build/analysis/get-page-static-info') as {
  getMiddlewareMatchers: (matcher: unknown, nextConfig: object) => ProxyMatcher[]
}
const match = getMiddlewareRouteMatcher(getMiddlewareMatchers(config.matcher, {}))
const runsFor = (pathname: string) => {
  let decoded = pathname
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    // undecodable: only the raw path is tried
  }
  return match(pathname, undefined as never, {}) || match(decoded, undefined as never, {})
}

describe('proxy matcher', () => {
  it('runs for pages and next-auth’s pages', () => {
    for (const p of ['/', '/admin', '/admin/tickets/RL-7K3F-9Q2M', '/suivi/RL-7K3F-9Q2M', '/login', '/api/auth/signin', '/api/auth/session'])
      expect(runsFor(p), p).toBe(true)
  })

  it('runs for an API path with percent-escapes, so an undecodable one answers 404', () => {
    for (const p of ['/api/admin/tickets/%C0%AE', '/api/reports/%C0%AE', '/api/reports/RL-7K3F-9Q2M%20']) expect(runsFor(p), p).toBe(true)
  })

  it('does not run for the JSON API, static files or the OCR engine', () => {
    for (const p of [
      '/api/reports',
      '/api/reports/RL-7K3F-9Q2M',
      '/api/reports/RL-7K3F-9Q2M/confirmation',
      '/api/admin/tickets',
      '/api/health',
      '/api/classify',
      '/_next/static/chunks/main.js',
      '/ocr/7.0.0/worker.min.js',
      '/favicon.ico',
    ])
      expect(runsFor(p), p).toBe(false)
  })
})
