import 'server-only'
import { getToken } from 'next-auth/jwt'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { cache } from 'react'
import { fail, ok, type Result } from '@/lib/result'
import { loginPath } from './callback-url'
import { authSecret, sessionCookieName } from './config'
import { hasRole } from './policy'
import { decodeSessionToken } from './session-token'
import { loadSessionViewer } from './staff-sessions'
import type { Role, Viewer } from './viewer'

// The one place that asks "who is signed in?". The JWT cookie names the account and its server-side
// session; both are re-read on every request, so an ended session, a disabled account or a changed
// role takes effect immediately (lib/auth/staff-sessions.ts).

/** Header set by proxy.ts on /admin requests so pages can send anonymous visitors back after sign-in. */
export const PATHNAME_HEADER = 'x-relais-pathname'

/** Decodes the session cookie from a cookie map; null when absent, forged or expired. */
async function viewerFromCookies(cookieMap: Record<string, string>): Promise<Viewer | null> {
  const secret = authSecret()
  if (!secret) return null
  const token = await getToken({
    req: { cookies: cookieMap, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'],
    secret,
    cookieName: sessionCookieName(),
    secureCookie: sessionCookieName().startsWith('__Secure-'),
    // next-auth's own decode re-derives the key with HKDF on every call; this one memoises it.
    decode: decodeSessionToken,
  })
  return token?.sub && typeof token.sid === 'string' ? loadSessionViewer(token.sid, token.sub) : null
}

function parseCookieHeader(header: string | null): Record<string, string> {
  const map: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    const name = part.slice(0, eq).trim()
    try {
      map[name] = decodeURIComponent(part.slice(eq + 1).trim())
    } catch {
      // A malformed cookie is ignored, not fatal.
    }
  }
  return map
}

/** The viewer of a given request (route handlers and tests that build a real Request). */
export function getRequestViewer(request: Request): Promise<Viewer | null> {
  return viewerFromCookies(parseCookieHeader(request.headers.get('cookie')))
}

/** The viewer of the current request (pages, layouts, actions); memoised per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const store = await cookies()
  return viewerFromCookies(Object.fromEntries(store.getAll().map((c) => [c.name, c.value])))
})

/** Where an anonymous visitor is sent: /login with a way back to the page they asked for. */
async function currentPath(fallback: string): Promise<string> {
  return (await headers()).get(PATHNAME_HEADER) ?? fallback
}

/**
 * For pages and layouts. Anonymous → redirect to /login?callbackUrl=<this page>. Signed in without
 * the role → redirect to /admin/acces-refuse, a page that explains the refusal (Next's forbidden()
 * still needs an experimental flag). ADMIN satisfies 'AGENT'.
 */
export async function requireViewer(role?: Role, returnTo = '/admin'): Promise<Viewer> {
  const viewer = await getViewer()
  if (!viewer) redirect(loginPath(await currentPath(returnTo)))
  if (role && !hasRole(viewer, role)) redirect('/admin/acces-refuse')
  return viewer
}

/**
 * For server actions. Anonymous → redirect to /login (the session ended). Without the role →
 * FORBIDDEN as a value, for useActionState to show.
 */
export async function requireActionViewer(role?: Role): Promise<Result<Viewer>> {
  const viewer = await getViewer()
  if (!viewer) redirect(loginPath(await currentPath('/admin')))
  if (role && !hasRole(viewer, role)) return fail('FORBIDDEN')
  return ok(viewer)
}
