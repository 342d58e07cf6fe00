import 'server-only'
import { RateLimiterRes, type RateLimiterMemory } from 'rate-limiter-flexible'
import { DetachedRateLimiter } from '@/lib/security/memory-limiter'

// Failed sign-ins are counted per (e-mail, address): 5 within 15 minutes lock that pair for the rest
// of the window. A looser per-e-mail count backs it up, because the address can be spoofed when no
// trusted proxy sets it (see lib/http/client-address.ts). Successful sign-in clears the pair.
// In memory: one Node process serves the app (SQLite), and a restart clearing counters is acceptable.

export const SIGN_IN_MAX_FAILURES = 5
export const SIGN_IN_WINDOW_SECONDS = 15 * 60
const PER_ACCOUNT_MAX_FAILURES = 50

export interface SignInLimiter {
  /** null when allowed, otherwise how long (ms) the caller must wait. */
  lockedFor(email: string, address: string): Promise<number | null>
  recordFailure(email: string, address: string): Promise<void>
  recordSuccess(email: string, address: string): Promise<void>
}

export function createSignInLimiter(opts = { maxFailures: SIGN_IN_MAX_FAILURES, perAccount: PER_ACCOUNT_MAX_FAILURES }): SignInLimiter {
  const pair = new DetachedRateLimiter({ points: opts.maxFailures, duration: SIGN_IN_WINDOW_SECONDS, keyPrefix: 'signin-pair' })
  const account = new DetachedRateLimiter({ points: opts.perAccount, duration: SIGN_IN_WINDOW_SECONDS, keyPrefix: 'signin-account' })
  const pairKey = (email: string, address: string) => `${email}|${address}`

  async function waitFor(limiter: RateLimiterMemory, key: string, max: number): Promise<number | null> {
    const res = await limiter.get(key)
    return res && res.consumedPoints >= max ? Math.max(res.msBeforeNext, 1000) : null
  }

  async function consume(limiter: RateLimiterMemory, key: string) {
    try {
      await limiter.consume(key)
    } catch (error) {
      // Rejection means "over the limit", which lockedFor reports next time; rethrow anything else.
      if (!(error instanceof RateLimiterRes)) throw error
    }
  }

  return {
    async lockedFor(email, address) {
      const a = await waitFor(pair, pairKey(email, address), opts.maxFailures)
      const b = await waitFor(account, email, opts.perAccount)
      return a === null && b === null ? null : Math.max(a ?? 0, b ?? 0)
    },
    async recordFailure(email, address) {
      await consume(pair, pairKey(email, address))
      await consume(account, email)
    },
    async recordSuccess(email, address) {
      await pair.delete(pairKey(email, address))
    },
  }
}

const globalForLimiter = globalThis as unknown as { relaisSignInLimiter?: SignInLimiter }

/** The process-wide limiter (kept on globalThis so dev hot reload does not reset it). */
export const signInLimiter: SignInLimiter = (globalForLimiter.relaisSignInLimiter ??= createSignInLimiter())
