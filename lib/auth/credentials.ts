import 'server-only'
import { db } from '@/lib/db'
import { clientAddress } from '@/lib/security/client-address'
import { verifyAgainstDummy, verifyPassword } from './password'
import { lockedError, signInSchema } from './schemas'
import { signInLimiter, type SignInLimiter } from './sign-in-limiter'
import { roles, type Role, type Viewer } from './viewer'

type HeaderBag = Record<string, string | string[] | undefined> | Headers

/**
 * The credentials provider's check. Returns the viewer, or null for every kind of refusal (unknown
 * e-mail, wrong password, disabled account) so the page shows one generic message. Throws
 * `SignInLocked:…` (schemas.ts `lockedError`) while failures from this e-mail (and address) make it
 * wait (sign-in-limiter.ts); the password is not even checked then.
 */
export async function authorizeCredentials(
  credentials: unknown,
  headers: HeaderBag | undefined,
  limiter: SignInLimiter = signInLimiter,
): Promise<Viewer | null> {
  const parsed = signInSchema.safeParse(credentials)
  if (!parsed.success) return null
  const { email, password } = parsed.data
  const address = clientAddress(headers ?? {})

  const wait = await limiter.lockedFor(email, address)
  if (wait !== null) throw new Error(lockedError(wait.ms))

  const row = await db.staffUser.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  })
  const valid = row ? await verifyPassword(row.passwordHash, password) : await verifyAgainstDummy(password)
  const role = roles.find((r) => r === row?.role)
  if (!row || !valid || row.disabledAt || !role) {
    await limiter.recordFailure(email, address)
    return null
  }
  await limiter.recordSuccess(email, address)
  return { id: row.id, email: row.email, name: row.name, role: role satisfies Role }
}
