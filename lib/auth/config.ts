import 'server-only'
import type { NextAuthOptions } from 'next-auth'
import { encode, type JWT, type JWTEncodeParams } from 'next-auth/jwt'
import CredentialsProvider from 'next-auth/providers/credentials'
import { env } from '@/lib/env'
import { authorizeCredentials } from './credentials'
import { authLogger } from './logger'
import { endStaffSession, loadSessionViewer, SESSION_MAX_AGE_SECONDS, startStaffSession } from './staff-sessions'
import type { Role } from './viewer'

// next-auth 4 with a credentials provider over StaffUser and JWT sessions. The JWT names the account
// and its server-side session (lib/auth/staff-sessions.ts); every signed-in request and every call
// to next-auth's own endpoints checks that session and reloads the account, so signing out, a
// password reset, disabling an account or changing a role takes effect at once.

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: Role; name: string; email: string }
  }
  interface User {
    id: string
    role: Role
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: Role
    /** The StaffSession row this token belongs to. */
    sid?: string
    /** The session's absolute end (seconds): no re-minted token outlives it. */
    sessionEnd?: number
  }
}

export { SESSION_MAX_AGE_SECONDS }

/** Thrown by the jwt callback when the token's session has ended; next-auth then clears the cookie. */
export class SessionEndedError extends Error {
  constructor() {
    super('Session ended')
    this.name = 'SessionEndedError'
  }
}

/**
 * The jwt callback. At sign-in it opens the server-side session; on every later call (next-auth's
 * /api/auth/session re-mints the cookie from what it returns) it refuses an ended session, so no
 * endpoint can revive or extend one.
 */
export async function sessionJwt({ token, user }: { token: JWT; user?: { id: string; role: Role } }): Promise<JWT> {
  if (user) {
    const session = await startStaffSession(user.id)
    return { ...token, sub: user.id, role: user.role, sid: session.id, sessionEnd: session.expiresAt }
  }
  const viewer = token.sid && token.sub ? await loadSessionViewer(token.sid, token.sub) : null
  if (!viewer) throw new SessionEndedError()
  return { ...token, role: viewer.role, name: viewer.name, email: viewer.email }
}

/** next-auth's encode, with the token's lifetime cut at its session's absolute end. */
export function encodeSessionToken(params: JWTEncodeParams): Promise<string> {
  const maxAge = params.maxAge ?? SESSION_MAX_AGE_SECONDS
  const end = params.token?.sessionEnd
  const remaining = typeof end === 'number' ? end - Math.floor(Date.now() / 1000) : maxAge
  return encode({ ...params, maxAge: Math.max(0, Math.min(maxAge, remaining)) })
}

const DEV_SECRET = 'relais-development-secret-do-not-use-in-production'

/**
 * NEXTAUTH_SECRET (scripts/start.mjs creates one for production). Outside production a fixed,
 * clearly-named fallback keeps `npm run dev` and tests working with no .env; in production a missing
 * secret is left undefined so next-auth refuses to run instead of signing with a public key.
 */
export function authSecret(): string | undefined {
  const { NEXTAUTH_SECRET, NODE_ENV } = env()
  return NEXTAUTH_SECRET || (NODE_ENV === 'production' ? undefined : DEV_SECRET)
}

/** Cookies get the __Secure- prefix and Secure flag when the public address is https. */
export function secureCookies(): boolean {
  return env().NEXTAUTH_URL?.startsWith('https://') ?? false
}

export function sessionCookieName(): string {
  return secureCookies() ? '__Secure-next-auth.session-token' : 'next-auth.session-token'
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  useSecureCookies: secureCookies(),
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  // next-auth signs the sign-in token for jwt.maxAge, 30 days unless set here.
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS, encode: encodeSessionToken },
  pages: { signIn: '/login', error: '/login' },
  logger: authLogger,
  providers: [
    CredentialsProvider({
      id: 'credentials',
      name: 'Adresse e-mail',
      credentials: {
        email: { label: 'Adresse e-mail', type: 'email' },
        password: { label: 'Mot de passe', type: 'password' },
      },
      authorize: (credentials, req) => authorizeCredentials(credentials, req.headers),
    }),
  ],
  events: {
    // Signing out ends this session on the server: a copy of the cookie is worthless afterwards.
    async signOut({ token }) {
      if (token?.sid) await endStaffSession(token.sid)
    },
  },
  callbacks: {
    jwt: sessionJwt,
    session({ session, token }) {
      if (token.sub && token.role) {
        session.user = { id: token.sub, role: token.role, name: token.name ?? '', email: token.email ?? '' }
      }
      return session
    },
    // Only same-origin destinations after sign-in/out.
    redirect({ url, baseUrl }) {
      if (url.startsWith('/')) return `${baseUrl}${url}`
      return url.startsWith(baseUrl) ? url : baseUrl
    },
  },
}
