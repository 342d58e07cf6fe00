import { z } from 'zod'

// Sign-in input. Pure: the login page may reuse it.

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Adresse e-mail invalide.' }).max(254, 'Adresse e-mail trop longue.'))

export const signInSchema = z.object({
  email: emailSchema,
  // Bounded so a huge body cannot make argon2 work for nothing.
  password: z.string().min(1).max(1024),
})

/** next-auth's credentials error codes, mapped to French text on the login page. */
export const SIGN_IN_LOCKED = 'SignInLocked'
export const SIGN_IN_GENERIC_ERROR = 'Adresse e-mail ou mot de passe incorrect.'

export function lockedMessage(minutes: number): string {
  const m = Math.max(1, Math.ceil(minutes))
  return `Trop de tentatives de connexion. Pour protéger ce compte, la connexion est bloquée pendant ${m} minute${m > 1 ? 's' : ''}. Réessayez ensuite, ou demandez à un administrateur de réinitialiser votre mot de passe.`
}

/** "SignInLocked:12" → 12 (minutes), anything else → null. */
export function parseLockedError(error: string | null | undefined): number | null {
  const match = /^SignInLocked:(\d+)$/.exec(error ?? '')
  return match ? Number(match[1]) : null
}
