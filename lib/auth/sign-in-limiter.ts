import 'server-only'

// Failed sign-ins slow further attempts down instead of locking the account out (issue 11,
// finding 5): a school is often one address, so five wrong passwords typed there by someone else
// must not keep the real owner out for a quarter of an hour.
// - Per (e-mail, address): after 3 failures, each further attempt waits 1 s, 2 s, 4 s… up to 30 s
//   after the last failure; 50 failures lock the pair until 15 minutes pass without one.
// - Per e-mail from any address (an attacker can change address): delays from 10 failures on, and a
//   lock at 200, so a spread-out guess is slowed the same way.
// Failures age out 15 minutes after the last one; a success clears its pair. Attempts refused while
// waiting are not counted, so waiting out the delay always gets the owner a real try.
// In memory, without timers (entries expire when read or swept): one Node process serves the app,
// and a restart clearing counters is acceptable.

export const SIGN_IN_WINDOW_SECONDS = 15 * 60
const MAX_DELAY_SECONDS = 30
const MAX_ENTRIES = 50_000

export interface FailurePolicy {
  /** Failures before the first delay. */
  freeFailures: number
  /** Failures that lock until the window passes without another. */
  lockAt: number
}

export const PAIR_POLICY: FailurePolicy = { freeFailures: 3, lockAt: 50 }
export const ACCOUNT_POLICY: FailurePolicy = { freeFailures: 10, lockAt: 200 }

export interface SignInWait {
  ms: number
  /** True for the hard lock, false for a progressive delay. */
  locked: boolean
}

export interface SignInLimiter {
  /** null when an attempt is allowed now, otherwise how long to wait. */
  lockedFor(email: string, address: string): Promise<SignInWait | null>
  recordFailure(email: string, address: string): Promise<void>
  recordSuccess(email: string, address: string): Promise<void>
}

interface Failures {
  count: number
  last: number
}

/** Delay owed after `count` failures: none, then 1, 2, 4… seconds, at most MAX_DELAY_SECONDS. */
export function delaySeconds(count: number, policy: FailurePolicy): number {
  if (count < policy.freeFailures) return 0
  return Math.min(2 ** (count - policy.freeFailures), MAX_DELAY_SECONDS)
}

function waitFor(entry: Failures | undefined, policy: FailurePolicy, now: number): SignInWait | null {
  if (!entry) return null
  if (entry.count >= policy.lockAt) return { ms: entry.last + SIGN_IN_WINDOW_SECONDS * 1000 - now, locked: true }
  const ms = entry.last + delaySeconds(entry.count, policy) * 1000 - now
  return ms > 0 ? { ms, locked: false } : null
}

export function createSignInLimiter(clock: () => number = Date.now): SignInLimiter {
  const failures = new Map<string, Failures>()
  const windowMs = SIGN_IN_WINDOW_SECONDS * 1000
  const pairKey = (email: string, address: string) => `pair:${email}|${address}`
  const accountKey = (email: string) => `account:${email}`

  function read(key: string, now: number): Failures | undefined {
    const entry = failures.get(key)
    if (entry && now - entry.last >= windowMs) {
      failures.delete(key)
      return undefined
    }
    return entry
  }

  function sweep(now: number) {
    if (failures.size < MAX_ENTRIES) return
    for (const [key, entry] of failures) if (now - entry.last >= windowMs) failures.delete(key)
  }

  function bump(key: string, now: number) {
    const entry = read(key, now)
    failures.set(key, { count: (entry?.count ?? 0) + 1, last: now })
  }

  return {
    async lockedFor(email, address) {
      const now = clock()
      const waits = [waitFor(read(pairKey(email, address), now), PAIR_POLICY, now), waitFor(read(accountKey(email), now), ACCOUNT_POLICY, now)]
      const active = waits.filter((w): w is SignInWait => w !== null)
      if (active.length === 0) return null
      return { ms: Math.max(...active.map((w) => w.ms)), locked: active.some((w) => w.locked) }
    },
    async recordFailure(email, address) {
      const now = clock()
      sweep(now)
      bump(pairKey(email, address), now)
      bump(accountKey(email), now)
    },
    async recordSuccess(email, address) {
      failures.delete(pairKey(email, address))
    },
  }
}

const globalForLimiter = globalThis as unknown as { relaisSignInLimiter?: SignInLimiter }

/** The process-wide limiter (kept on globalThis so dev hot reload does not reset it). */
export const signInLimiter: SignInLimiter = (globalForLimiter.relaisSignInLimiter ??= createSignInLimiter())
