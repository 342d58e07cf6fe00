import { describe, expect, it } from 'vitest'
import { newRecordId, randomBytes } from '@/lib/security/random'

// lib/security/random.ts hands out bytes of a CSPRNG pool: each byte once, whatever the sizes asked.

describe('randomBytes', () => {
  it('never hands out the same bytes twice, across pool refills', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 2_000; i++) {
      const bytes = randomBytes(i % 2 ? 32 : 12)
      expect(bytes.length).toBe(i % 2 ? 32 : 12)
      const hex = bytes.toString('hex')
      expect(seen.has(hex)).toBe(false)
      seen.add(hex)
    }
  })

  it('returns a copy the caller owns, and serves large sizes directly', () => {
    const a = randomBytes(16)
    const copy = Buffer.from(a)
    randomBytes(16)
    expect(a.equals(copy)).toBe(true)
    expect(randomBytes(10_000).length).toBe(10_000)
  })

  it('makes cuid-shaped record ids', () => {
    const ids = Array.from({ length: 500 }, newRecordId)
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
