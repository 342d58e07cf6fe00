import 'server-only'
import { env } from '@/lib/env'
import { errorResponse, messageFor } from '@/lib/result'

// CSRF defence for state-changing route handlers (POST/PATCH/DELETE). Browsers always send `Origin`
// on such requests; a page on another site cannot forge it. Decision (README "Security"):
// - Origin absent → allowed: non-browser clients (curl, scripts, the school's own tools) send none,
//   and a browser never omits it on a cross-site POST/PATCH/DELETE.
// - Origin present → must be the app's own origin, else 403 with a French message.
//   "null" (sandboxed frames, some redirects) is present and different: refused.
// Server actions keep Next.js's own origin check.

export const CROSS_ORIGIN_MESSAGE = messageFor('CROSS_ORIGIN')

function originOf(value: string | undefined | null): string | null {
  if (!value) return null
  try {
    return new URL(value).origin
  } catch {
    return null
  }
}

/** The origins this app answers on: configured public addresses plus the request's own host. */
export function allowedOrigins(request: Request): Set<string> {
  const { APP_ORIGIN, NEXTAUTH_URL, TRUST_PROXY } = env()
  const allowed = new Set<string>()
  for (const configured of [APP_ORIGIN, NEXTAUTH_URL]) {
    const origin = originOf(configured)
    if (origin) allowed.add(origin)
  }
  const hosts = [request.headers.get('host')]
  if (TRUST_PROXY) hosts.push(request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() ?? null)
  const own = originOf(request.url)
  if (own) allowed.add(own)
  for (const host of hosts) {
    if (!host) continue
    for (const scheme of ['http', 'https']) {
      const origin = originOf(`${scheme}://${host}`)
      if (origin) allowed.add(origin)
    }
  }
  return allowed
}

export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin')
  if (origin === null) return true
  return allowedOrigins(request).has(origin.trim())
}

/** null when the request may proceed, otherwise the 403 JSON answer to return as is. */
export function refuseCrossOrigin(request: Request): Response | null {
  if (isSameOrigin(request)) return null
  return errorResponse('CROSS_ORIGIN')
}
