import { encode } from 'next-auth/jwt'
import { authSecret, sessionCookieName, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/config'
import type { Viewer } from '@/lib/auth/viewer'

/**
 * A `Cookie` header value signing `viewer` in, exactly as next-auth would after a credentials
 * sign-in. For integration tests that call route handlers: `new Request(url, { headers: { cookie } })`
 * and `authorizeApi(role, request)`.
 */
export async function sessionCookie(viewer: Pick<Viewer, 'id' | 'role' | 'email' | 'name'>): Promise<string> {
  const secret = authSecret()
  if (!secret) throw new Error('No NEXTAUTH_SECRET for tests')
  const token = await encode({
    token: { sub: viewer.id, role: viewer.role, email: viewer.email, name: viewer.name },
    secret,
    maxAge: SESSION_MAX_AGE_SECONDS,
  })
  return `${sessionCookieName()}=${token}`
}
