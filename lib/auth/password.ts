import 'server-only'
import { hash, verify, type Algorithm } from '@node-rs/argon2'

// argon2id with the library's defaults (19 MiB, 2 passes, 1 lane), the OWASP baseline.
// `Algorithm` is a const enum in an ambient declaration, which isolatedModules cannot inline.
const ARGON2ID = 2 as Algorithm
const options = { algorithm: ARGON2ID }

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

/** False (never throws) for a wrong password or a stored value that is not an argon2 hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | undefined

/**
 * Verifies against a throwaway hash so that an unknown e-mail costs as much time as a known one:
 * response time must not reveal whether an account exists.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('relais-dummy-password-for-timing')
  await verifyPassword(await dummyHash, password)
  return false
}
