// Security headers for every response, and the Content-Security-Policy of pages. Pure: proxy.ts
// builds them per request for pages (a fresh nonce each time) and tests check them. The values that
// do not depend on the request live in header-policy.mjs, shared with next.config.js and the server.
import { API_CONTENT_SECURITY_POLICY, COMMON_HEADERS, servedOverHttps, STRICT_TRANSPORT_SECURITY } from './header-policy.mjs'

export { API_CONTENT_SECURITY_POLICY, servedOverHttps }

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

/** Headers set on every response (pages, API, server actions). */
export function securityHeaders({ https }: Pick<HeaderContext, 'https'>): Record<string, string> {
  const headers: Record<string, string> = { ...COMMON_HEADERS }
  // HSTS only makes sense (and is only honoured) over https; sending it on http would do nothing.
  if (https) headers['Strict-Transport-Security'] = STRICT_TRANSPORT_SECURITY
  return headers
}

export function createNonce(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return btoa(String.fromCharCode(...bytes))
}
