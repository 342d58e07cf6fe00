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

/** The error a refused sign-in carries: the wait in seconds ("SignInLocked:12s"). */
export function lockedError(waitMs: number): string {
  return `${SIGN_IN_LOCKED}:${Math.max(1, Math.ceil(waitMs / 1000))}s`
}

/** `minutes` may be a fraction: under a minute the wait is said in seconds. */
export function lockedMessage(minutes: number): string {
  if (minutes < 1) {
    const s = Math.max(1, Math.ceil(minutes * 60))
    return `Trop de tentatives de connexion. Pour protéger ce compte, patientez ${s} seconde${s > 1 ? 's' : ''} avant de réessayer.`
  }
  const m = Math.ceil(minutes)
  return `Trop de tentatives de connexion. Pour protéger ce compte, la connexion est bloquée pendant ${m} minute${m > 1 ? 's' : ''}. Réessayez ensuite, ou demandez à un administrateur de réinitialiser votre mot de passe.`
}

/** "SignInLocked:12" → 12 (minutes), "SignInLocked:30s" → 0.5, anything else → null. */
export function parseLockedError(error: string | null | undefined): number | null {
  const match = /^SignInLocked:(\d+)(s?)$/.exec(error ?? '')
  if (!match) return null
  return match[2] ? Number(match[1]) / 60 : Number(match[1])
}
