import { EncryptJWT } from 'jose'
import { decode, encode } from 'next-auth/jwt'
import { describe, expect, it } from 'vitest'
import { decodeSessionToken } from '@/lib/auth/session-token'

// The memoised-key decode must accept exactly what next-auth's own encode/decode accept.

const secret = 'unit-test-secret-for-session-tokens'

describe('decodeSessionToken', () => {
  it('decodes a token made by next-auth encode, like next-auth decode does', async () => {
    const token = await encode({ token: { sub: 'staff-1', role: 'AGENT', name: 'Ana' }, secret, maxAge: 600 })
    const ours = await decodeSessionToken({ token, secret })
    expect(ours).toEqual(await decode({ token, secret }))
    expect(ours).toMatchObject({ sub: 'staff-1', role: 'AGENT', name: 'Ana' })
    // Second call goes through the memoised key and still decodes.
    expect(await decodeSessionToken({ token, secret })).toEqual(ours)
  })

  it('returns null without a token', async () => {
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull()
  })

  it('refuses a token encrypted with another secret', async () => {
    const token = await encode({ token: { sub: 'staff-1' }, secret: 'another-secret', maxAge: 600 })
    await expect(decodeSessionToken({ token, secret })).rejects.toThrow()
  })

  it('refuses a tampered token', async () => {
    const token = await encode({ token: { sub: 'staff-1' }, secret, maxAge: 600 })
    const parts = token.split('.')
    const ciphertext = parts[3]!
    parts[3] = (ciphertext[0] === 'A' ? 'B' : 'A') + ciphertext.slice(1)
    await expect(decodeSessionToken({ token: parts.join('.'), secret })).rejects.toThrow()
  })

  it('refuses an expired token (beyond the 15 s tolerance) and accepts one within it', async () => {
    const expired = await encode({ token: { sub: 'staff-1' }, secret, maxAge: -60 })
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow()
    await expect(decode({ token: expired, secret })).rejects.toThrow()
    const justExpired = await encode({ token: { sub: 'staff-1' }, secret, maxAge: -5 })
    expect(await decodeSessionToken({ token: justExpired, secret })).toMatchObject({ sub: 'staff-1' })
  })

  it('refuses a token encrypted under a key not derived the next-auth way', async () => {
    const rawKey = new TextEncoder().encode(secret.padEnd(32, 'x').slice(0, 32))
    const token = await new EncryptJWT({ sub: 'staff-1' })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setExpirationTime('10m')
      .encrypt(rawKey)
    await expect(decodeSessionToken({ token, secret })).rejects.toThrow()
  })
})
