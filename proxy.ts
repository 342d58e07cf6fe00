import { NextResponse, type NextRequest } from 'next/server'
import { env } from '@/lib/env'
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  createNonce,
  securityHeaders,
  servedOverHttps,
} from '@/lib/security/headers'
import { errorResponse } from '@/lib/result'
import { isDecodablePath, NOT_FOUND_PATH } from '@/lib/http/path'

// The per-request part of the security headers: a CSP nonce for pages (Next.js reads the nonce from
// the request's Content-Security-Policy header and puts it on its own scripts; the root layout
// renders dynamically so each page gets this request's nonce) and HSTS when served over https. The
// headers that do not vary per request come from next.config.js `headers()` on every response, so
// the JSON API, static files and the OCR engine never run this function (see `config.matcher`).
// Nothing here decides access: route handlers, actions and lib/ do (see STYLE.md, "Who may do what").
export function proxy(request: NextRequest) {
  const { NODE_ENV, TRUST_PROXY, APP_ORIGIN, NEXTAUTH_URL } = env()
  const https = servedOverHttps({
    forwardedProto: request.headers.get('x-forwarded-proto'),
    trustProxy: TRUST_PROXY,
    publicUrls: [APP_ORIGIN, NEXTAUTH_URL],
  })
  const { pathname } = request.nextUrl
  const decodable = isDecodablePath(pathname)
  // JSON API: reached here only for a path with percent-escapes (the matcher), to answer 404 to the
  // undecodable ones; same headers as next.config.js gives the rest of the API, request untouched.
  // next-auth's routes (/api/auth/*) render HTML pages and keep the page treatment below.
  if (pathname.startsWith('/api/') && !pathname.startsWith('/api/auth/')) {
    const response = decodable ? NextResponse.next() : errorResponse('NOT_FOUND')
    response.headers.set('Content-Security-Policy', API_CONTENT_SECURITY_POLICY)
    for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value)
    if (pathname.startsWith('/api/reports/')) {
      response.headers.set('Referrer-Policy', 'no-referrer')
      response.headers.set('X-Robots-Tag', 'noindex')
    }
    return response
  }
  const nonce = createNonce()
  const csp = contentSecurityPolicy({ nonce, https, development: NODE_ENV === 'development', ocr: pathname === '/' })

  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('x-nonce', nonce)
  requestHeaders.set('Content-Security-Policy', csp)
  // lib/auth/session.ts sends anonymous visitors to /login with a way back to this page; always
  // overwritten here so a client cannot choose it.
  requestHeaders.set('x-relais-pathname', request.nextUrl.pathname + request.nextUrl.search)

  const response = decodable
    ? NextResponse.next({ request: { headers: requestHeaders } })
    : NextResponse.rewrite(new URL(NOT_FOUND_PATH, request.url), { request: { headers: requestHeaders } })
  response.headers.set('Content-Security-Policy', csp)
  for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value)
  // Tracking links carry their secret token in the URL: never pass it on in a Referer to another
  // site, never index it. The tracking page says 'same-origin' rather than 'no-referrer': under
  // 'no-referrer' a browser posts its forms with `Origin: null`, which Next.js refuses as CSRF, and
  // the page's "Pouvez-vous vous connecter maintenant ?" form must work without JavaScript.
  if (request.nextUrl.pathname.startsWith('/suivi/') || request.nextUrl.pathname.startsWith('/api/reports/')) {
    response.headers.set('Referrer-Policy', request.nextUrl.pathname.startsWith('/suivi/') ? 'same-origin' : 'no-referrer')
    response.headers.set('X-Robots-Tag', 'noindex')
  }
  return response
}

export const config = {
  // Pages, and next-auth's HTML pages under /api/auth. Not the JSON API (issue 17: running the proxy
  // there cost a quarter to a third of a report's server CPU, bench/RESULTS.md) except a path with
  // percent-escapes, which may not decode (404 above).
  // Static build assets and the OCR engine (app/ocr/, which sets its own headers) are immutable
  // files with no HTML: no nonce to give them.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|ocr/).*)', '/api/auth/:path*', '/api/(.*%.*)'],
}
