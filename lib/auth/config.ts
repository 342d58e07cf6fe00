import 'server-only'
import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { env } from '@/lib/env'
import { authorizeCredentials } from './credentials'
import { authLogger } from './logger'
import type { Role } from './viewer'

// next-auth 4 with a credentials provider over StaffUser and JWT sessions. The JWT only says WHO
// signed in; lib/auth/session.ts reloads the account on every request, so disabling an account or
// changing a role takes effect at once.

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
  }
}

/** A staff workday; after that, sign in again. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60

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
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id
        token.role = user.role
      }
      return token
    },
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
