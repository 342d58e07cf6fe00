import { RateLimiterRes } from 'rate-limiter-flexible'
import { describe, expect, it } from 'vitest'
import { MemoryRateLimiter } from '@/lib/security/memory-limiter'

// lib/security/memory-limiter.ts: fixed windows per key, answered as rate-limiter-flexible does,
// expired without a timer per key.

function limiterAt(start = 1_000_000) {
  let now = start
  const limiter = new MemoryRateLimiter({ points: 3, duration: 600 }, () => now)
  return { limiter, advance: (ms: number) => (now += ms) }
}

describe('MemoryRateLimiter', () => {
  it('allows the points of a window, then refuses with the wait until the window ends', async () => {
    const { limiter, advance } = limiterAt()
    for (let i = 0; i < 3; i++) await expect(limiter.consume('lycee')).resolves.toMatchObject({ remainingPoints: 2 - i })
    advance(60_000)
    const refused = await limiter.consume('lycee').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(RateLimiterRes)
    expect((refused as RateLimiterRes).msBeforeNext).toBe(540_000)
    await expect(limiter.consume('college')).resolves.toMatchObject({ remainingPoints: 2 })
    advance(540_000)
    await expect(limiter.consume('lycee')).resolves.toMatchObject({ remainingPoints: 2 })
  })

  it('never counts past the limit + 1, however many requests come', async () => {
    const { limiter, advance } = limiterAt()
    for (let i = 0; i < 1_000; i++) await limiter.consume('flood').catch(() => undefined)
    const refused = (await limiter.consume('flood').catch((e: unknown) => e)) as RateLimiterRes
    expect(refused.consumedPoints).toBe(4)
    advance(600_000)
    await expect(limiter.consume('flood')).resolves.toMatchObject({ consumedPoints: 1 })
  })

  it('drops the counts of windows that are over when the table has doubled', async () => {
    const { limiter, advance } = limiterAt()
    for (let i = 0; i < 1_000; i++) await limiter.consume(`eleve-${i}`)
    expect(limiter.size).toBe(1_000)
    advance(600_000)
    for (let i = 0; i < 100; i++) await limiter.consume(`parent-${i}`)
    // The 1,024th key swept the 1,000 expired ones: only this window's remain.
    expect(limiter.size).toBe(100)
  })
})
