import 'server-only'
import crypto from 'node:crypto'
import { randomBytes } from '@/lib/security/random'

// Public references (RL-7K3F-9Q2M) and private tracking tokens. References are random, short and
// easy to read aloud; the token is the secret: only its SHA-256 hash is stored.

/** Crockford base32 without I, L, O, U: no 0/O or 1/I/L confusion when read over the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export function generateReference(): string {
  // 32 divides 256, so `byte & 31` draws each character uniformly.
  const chars = [...randomBytes(8)].map((b) => ALPHABET[b & 31]).join('')
  return `RL-${chars.slice(0, 4)}-${chars.slice(4)}`
}

export function generateTrackingToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashTrackingToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex')
}

/** Constant-time check of a presented token against a stored hash. */
export function trackingTokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashTrackingToken(token), 'hex')
  const stored = Buffer.from(storedHash, 'hex')
  return presented.length === stored.length && crypto.timingSafeEqual(presented, stored)
}
