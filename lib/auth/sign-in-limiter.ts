import 'server-only'
import { postgresPool } from '@/lib/db-postgres'
import { runDetached } from '@/lib/security/detached-scope'
import { databaseProvider } from '@/lib/sql-dialect'

// Failed sign-ins slow further attempts down instead of locking the account out (issue 11,
// finding 5): a school is often one address, so five wrong passwords typed there by someone else
// must not keep the real owner out for a quarter of an hour.
// - Per (e-mail, address): after 3 failures, each further attempt waits 1 s, 2 s, 4 s… up to 30 s
//   after the last failure; 50 failures lock the pair until 15 minutes pass without one.
// - Per e-mail from any address (an attacker can change address): delays from 10 failures on, and a
//   lock at 200, so a spread-out guess is slowed the same way.
// Failures age out 15 minutes after the last one; a success clears its pair. Attempts refused while
// waiting are not counted, so waiting out the delay always gets the owner a real try.
// SQLite: in memory, without timers (entries expire when read or swept): one Node process serves
// the app, and a restart clearing counters is acceptable. PostgreSQL: in the table
// "_relais_sign_in_failures" (migration 20261202100002_shared_process_state), shared by every app
// process, so the delays hold whichever process answers (issue 18); same policy, same keys.

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

const WINDOW_MS = SIGN_IN_WINDOW_SECONDS * 1000
const pairKey = (email: string, address: string) => `pair:${email}|${address}`
const accountKey = (email: string) => `account:${email}`

/** The wait owed for a pair and its account, the longer of the two. */
function combinedWait(pair: Failures | undefined, account: Failures | undefined, now: number): SignInWait | null {
  const waits = [waitFor(pair, PAIR_POLICY, now), waitFor(account, ACCOUNT_POLICY, now)]
  const active = waits.filter((w): w is SignInWait => w !== null)
  if (active.length === 0) return null
  return { ms: Math.max(...active.map((w) => w.ms)), locked: active.some((w) => w.locked) }
}

/** The limiter of one process, in memory (SQLite). */
export function createMemorySignInLimiter(clock: () => number = Date.now): SignInLimiter {
  const failures = new Map<string, Failures>()

  function read(key: string, now: number): Failures | undefined {
    const entry = failures.get(key)
    if (entry && now - entry.last >= WINDOW_MS) {
      failures.delete(key)
      return undefined
    }
    return entry
  }

  function sweep(now: number) {
    if (failures.size < MAX_ENTRIES) return
    for (const [key, entry] of failures) if (now - entry.last >= WINDOW_MS) failures.delete(key)
  }

  function bump(key: string, now: number) {
    const entry = read(key, now)
    failures.set(key, { count: (entry?.count ?? 0) + 1, last: now })
  }

  return {
    async lockedFor(email, address) {
      const now = clock()
      return combinedWait(read(pairKey(email, address), now), read(accountKey(email), now), now)
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

const FAILURES = '"_relais_sign_in_failures"'
const SWEEP_EVERY_MS = 5 * 60 * 1000

/**
 * The limiter shared by every process (PostgreSQL). A failure is one atomic upsert of both rows
 * (a count older than the window starts again at 1), so concurrent failures from several processes
 * are all counted. Queries run in the detached scope: a pooled connection opened for one of them
 * must not keep the request alive (lib/security/detached-scope.ts). Expired rows are swept at most
 * every five minutes by each process.
 */
export function createPostgresSignInLimiter(clock: () => number = Date.now): SignInLimiter {
  const query = <T extends object>(text: string, values: unknown[]) => runDetached(() => postgresPool().query<T>(text, values))
  let sweptAt = 0

  async function read(keys: string[], now: number): Promise<Map<string, Failures>> {
    const { rows } = await query<{ key: string; count: number; last: number }>(
      `SELECT "key", "count", "last" FROM ${FAILURES} WHERE "key" = ANY($1::text[]) AND "last" > $2`,
      [keys, now - WINDOW_MS],
    )
    return new Map(rows.map((row) => [row.key, { count: Number(row.count), last: Number(row.last) }]))
  }

  return {
    async lockedFor(email, address) {
      const now = clock()
      const entries = await read([pairKey(email, address), accountKey(email)], now)
      return combinedWait(entries.get(pairKey(email, address)), entries.get(accountKey(email)), now)
    },
    async recordFailure(email, address) {
      const now = clock()
      await query(
        `INSERT INTO ${FAILURES} AS f ("key", "count", "last") SELECT k, 1, $2 FROM unnest($1::text[]) AS k
          ON CONFLICT ("key") DO UPDATE SET "count" = CASE WHEN f."last" <= $3 THEN 1 ELSE f."count" + 1 END,
            "last" = GREATEST(f."last", $2)`,
        [[pairKey(email, address), accountKey(email)], now, now - WINDOW_MS],
      )
      if (now - sweptAt < SWEEP_EVERY_MS) return
      sweptAt = now
      await query(`DELETE FROM ${FAILURES} WHERE "last" <= $1`, [now - WINDOW_MS])
    },
    async recordSuccess(email, address) {
      await query(`DELETE FROM ${FAILURES} WHERE "key" = $1`, [pairKey(email, address)])
    },
  }
}

/** The limiter for the configured database: this process's memory (SQLite) or the shared table (PostgreSQL). */
export function createSignInLimiter(clock: () => number = Date.now): SignInLimiter {
  return databaseProvider() === 'postgresql' ? createPostgresSignInLimiter(clock) : createMemorySignInLimiter(clock)
}

const globalForLimiter = globalThis as unknown as { relaisSignInLimiter?: SignInLimiter }

/** The process-wide limiter (kept on globalThis so dev hot reload does not reset it). */
export const signInLimiter: SignInLimiter = (globalForLimiter.relaisSignInLimiter ??= createSignInLimiter())
