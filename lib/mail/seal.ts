import 'server-only'
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto'
import { randomBytes } from '@/lib/security/random'
import { authSecret } from '@/lib/auth/config'

// The tracking token is stored only as a hash on the ticket (README, "Public reports"), yet every
// message to the person links to the tracking page. So the outbox keeps the token sealed with a key
// derived from the server secret (AES-256-GCM): a copy of the database alone opens no report.

let cachedKey: { secret: string; key: Buffer } | undefined

function key(): Buffer | null {
  const secret = authSecret()
  if (!secret) return null
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: createHash('sha256').update(`relais-mail-token\0${secret}`).digest() }
  return cachedKey.key
}

/** The sealed token (iv.tag.ciphertext, base64url), or null when the server has no secret. */
export function sealToken(token: string): string | null {
  const k = key()
  if (!k) return null
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', k, iv)
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()])
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.')
}

/** The token back, or null when it cannot be opened (no secret, or another secret sealed it). */
export function openToken(sealed: string | null): string | null {
  const k = key()
  if (!k || !sealed) return null
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'))
  if (!iv || !tag || !data) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', k, iv)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
