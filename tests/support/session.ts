import { encode } from 'next-auth/jwt'
import { authSecret, sessionCookieName, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/config'
import { startStaffSession } from '@/lib/auth/staff-sessions'
import type { Viewer } from '@/lib/auth/viewer'

/**
 * A `Cookie` header value signing `viewer` in, exactly as next-auth would after a credentials
 * sign-in: a server-side session row, and the token that names it. For integration tests that call
 * route handlers: `new Request(url, { headers: { cookie } })` and `authorizeApi(role, request)`.
 */
export async function sessionCookie(viewer: Pick<Viewer, 'id' | 'role' | 'email' | 'name'>): Promise<string> {
  const secret = authSecret()
  if (!secret) throw new Error('No NEXTAUTH_SECRET for tests')
  const session = await startStaffSession(viewer.id)
  const token = await encode({
    token: { sub: viewer.id, role: viewer.role, email: viewer.email, name: viewer.name, sid: session.id, sessionEnd: session.expiresAt },
    secret,
    maxAge: SESSION_MAX_AGE_SECONDS,
  })
  return `${sessionCookieName()}=${token}`
}
