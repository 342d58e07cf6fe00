import 'server-only'
import { hkdfSync } from 'node:crypto'
import { jwtDecrypt, type JWTPayload } from 'jose'

// next-auth 4's session JWT decode (next-auth/jwt `decode`), with the derived key memoised.
// next-auth derives the A256GCM key with HKDF on every call; the secret does not change while the
// server runs, so each request doing it again is pure waste on the hot path. Same algorithm, same
// info string, same 15 s clock tolerance as next-auth 4.24 (tests/unit/session-token.test.ts decodes
// tokens made by next-auth's own `encode` and refuses forged/expired ones).

const derivedKeys = new Map<string, Uint8Array>()

function encryptionKey(secret: string): Uint8Array {
  let key = derivedKeys.get(secret)
  if (!key) {
    // @panva/hkdf (what next-auth uses) with an empty salt = RFC 5869 HKDF-SHA256 = node's hkdfSync.
    key = new Uint8Array(hkdfSync('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32))
    if (derivedKeys.size > 4) derivedKeys.clear()
    derivedKeys.set(secret, key)
  }
  return key
}

/** The payload of a next-auth 4 session token; throws when it is forged, corrupt or expired. */
export async function decodeSessionToken({ token, secret }: { token?: string; secret: string | Buffer }): Promise<JWTPayload | null> {
  if (!token) return null
  const { payload } = await jwtDecrypt(token, encryptionKey(String(secret)), { clockTolerance: 15 })
  return payload
}
