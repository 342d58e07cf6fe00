// The response headers that do not depend on the request, and the rule for HSTS, in plain
// JavaScript so that three places read the same values: lib/security/headers.ts (proxy.ts, for
// pages), next.config.js `headers()` (every response, applied by Next without running the proxy)
// and scripts/server.mjs (HSTS, which depends on the deployment's settings, not on the build).

/** Sent on every response: pages, JSON API, static files. */
export const COMMON_HEADERS = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
})

/**
 * CSP of JSON API responses: they load nothing and may be framed by nobody. Constant, so the API's
 * hot path needs no nonce (next-auth's own HTML pages under /api/auth get the page policy).
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains'

/**
 * Whether the client reached us over https: `x-forwarded-proto` from a trusted proxy, or a public
 * address (APP_ORIGIN / NEXTAUTH_URL) that is https. Not the protocol of the URL Next.js hands us:
 * the app's server speaks plain http, and Next builds that URL's scheme from a client-sent
 * `x-forwarded-proto` (issue 11, finding 7).
 * @param {{ forwardedProto: string | null | undefined, trustProxy: boolean, publicUrls: (string | undefined)[] }} opts
 * @returns {boolean}
 */
export function servedOverHttps(opts) {
  if (opts.trustProxy && opts.forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https') return true
  return opts.publicUrls.some((u) => u?.startsWith('https://'))
}

/** @param {Record<string, string>} headers */
const list = (headers) => Object.entries(headers).map(([key, value]) => ({ key, value }))

/**
 * next.config.js `headers()`: fixed per path, computed at build time, applied by Next's router
 * before (and without) the proxy. Later entries override earlier ones for the same header. Pages
 * get their per-request CSP (nonce) and HSTS from proxy.ts; next-auth's HTML pages under /api/auth
 * too, so the API policy skips them.
 */
export function headerRoutes() {
  // Tracking links carry their secret token in the URL: never pass it on in a Referer to another
  // site, never index it. The tracking page says 'same-origin' rather than 'no-referrer': under
  // 'no-referrer' a browser posts its forms with `Origin: null`, which Next.js refuses as CSRF, and
  // the page's "Pouvez-vous vous connecter maintenant ?" form must work without JavaScript.
  return [
    { source: '/:path*', headers: list(COMMON_HEADERS) },
    { source: '/api/:path((?!auth/).*)', headers: list({ 'Content-Security-Policy': API_CONTENT_SECURITY_POLICY }) },
    { source: '/api/reports/:path+', headers: list({ 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' }) },
    { source: '/suivi/:path*', headers: list({ 'Referrer-Policy': 'same-origin', 'X-Robots-Tag': 'noindex' }) },
  ]
}
