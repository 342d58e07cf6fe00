import 'server-only'
import type { Account, User } from 'next-auth'
import { authOptions, authSecret, encodeSessionToken, SESSION_MAX_AGE_SECONDS, secureCookies, sessionCookieName } from './config'
import { authorizeCredentials } from './credentials'
import { SIGN_IN_GENERIC_ERROR, lockedMessage, parseLockedError } from './schemas'
import type { Viewer } from './viewer'

// Sign-in by a plain form post (a server action), so the login page works without JavaScript and
// never puts the password in a URL. It checks the password exactly like the credentials provider
// (authorizeCredentials: same limiter, same generic refusal) and writes the session cookie next-auth
// itself would write after its credentials callback: the same token (the config's jwt callback over
// next-auth's default claims), encoded with next-auth's own `encode`, under the same cookie name.

export type PasswordSignIn =
  | { ok: true; cookie: { name: string; value: string; options: SessionCookieOptions } }
  | { ok: false; message: string }

type SessionCookieOptions = { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; maxAge: number }

export async function signInWithPassword(credentials: { email: unknown; password: unknown }, headers: Headers): Promise<PasswordSignIn> {
  const secret = authSecret()
  if (!secret) throw new Error('NEXTAUTH_SECRET manquant : la connexion est impossible.')
  let viewer: Viewer | null
  try {
    viewer = await authorizeCredentials(credentials, headers)
  } catch (error) {
    const minutes = parseLockedError(error instanceof Error ? error.message : null)
    if (minutes === null) throw error
    return { ok: false, message: lockedMessage(minutes) }
  }
  if (!viewer) return { ok: false, message: SIGN_IN_GENERIC_ERROR }

  const user: User = { id: viewer.id, email: viewer.email, name: viewer.name, role: viewer.role }
  const account: Account = { provider: 'credentials', type: 'credentials', providerAccountId: viewer.id }
  const defaults = { name: user.name, email: user.email, picture: undefined, sub: user.id }
  const token = authOptions.callbacks?.jwt
    ? await authOptions.callbacks.jwt({ token: defaults, user, account, trigger: 'signIn' })
    : defaults
  // The same encoder as next-auth's: the token never outlives its server-side session's absolute end.
  const value = await encodeSessionToken({ token, secret, maxAge: SESSION_MAX_AGE_SECONDS })
  return {
    ok: true,
    cookie: {
      name: sessionCookieName(),
      value,
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: secureCookies(), maxAge: SESSION_MAX_AGE_SECONDS },
    },
  }
}
