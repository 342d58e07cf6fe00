// Security headers for every response, and the Content-Security-Policy of pages. Pure: proxy.ts
// builds them per request (a fresh nonce each time) and tests check them.

export interface HeaderContext {
  nonce: string
  /** The page was reached over https (directly, or via a trusted proxy, or the public address is https). */
  https: boolean
  /** next dev needs eval (React Refresh) and a websocket. */
  development: boolean
  /** The report form, which reads screenshots in a worker (app/ocr/); no other page starts one. */
  ocr?: boolean
}

/**
 * Strict CSP: scripts only with this request's nonce ('strict-dynamic' lets Next's own chunks load
 * further chunks). Styles allow inline attributes: React renders `style={…}` props and injected
 * styles cannot run code; scripts are what CSP must hold tight.
 */
export function contentSecurityPolicy({ nonce, https, development, ocr = false }: HeaderContext): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}${ocr ? " 'wasm-unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    // Only the report form starts a worker (the OCR engine and its image preparation, both served
    // from this origin); the README's Security section says why each OCR directive is there.
    `worker-src ${ocr ? "'self'" : "'none'"}`,
  ]
  if (https) directives.push('upgrade-insecure-requests')
  return directives.join('; ')
}

/**
 * CSP of JSON API responses: they load nothing and may be framed by nobody. Constant, so the API's
 * hot path needs no nonce (next-auth's own HTML pages under /api/auth get the page policy).
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/** Headers set on every response (pages, API, server actions). */
export function securityHeaders({ https }: Pick<HeaderContext, 'https'>): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
  // HSTS only makes sense (and is only honoured) over https; sending it on http would do nothing.
  if (https) headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains'
  return headers
}

export function createNonce(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return btoa(String.fromCharCode(...bytes))
}

/**
 * Whether the client reached us over https: `x-forwarded-proto` from a trusted proxy, or a public
 * address (APP_ORIGIN / NEXTAUTH_URL) that is https. Not the protocol of the URL Next.js hands us:
 * the app's server speaks plain http, and Next builds that URL's scheme from a client-sent
 * `x-forwarded-proto` (issue 11, finding 7).
 */
export function servedOverHttps(opts: {
  forwardedProto: string | null
  trustProxy: boolean
  publicUrls: (string | undefined)[]
}): boolean {
  if (opts.trustProxy && opts.forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https') return true
  return opts.publicUrls.some((u) => u?.startsWith('https://'))
}
