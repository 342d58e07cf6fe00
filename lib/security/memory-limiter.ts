import 'server-only'
import { RateLimiterRes } from 'rate-limiter-flexible'

// The in-memory rate limiter of every limit of the app on SQLite (one process): fixed windows that
// start at a key's first count, as rate-limiter-flexible's memory store, whose answers
// (RateLimiterRes, thrown when over) it keeps. That store gives every key an expiry timer for its
// whole window (10–15 minutes): at back-to-school, two keys per report (the person's name and
// login) made ~70,000 timers alive at once, which the garbage collector walked at every mark-compact,
// and the open loop's p99 at 150 reports/s went from ~13 to ~21 ms (bench/RESULTS.md, 2 December).
// Here an expired count is dropped when its key is read again, and by a sweep each time the table has
// doubled since the last one: no timer, and, the counts being small integers in two maps, no object
// per key but its name. Nothing is scheduled, so no request context is kept alive either
// (lib/security/detached-scope.ts).

const FIRST_SWEEP_AT = 1024

export interface MemoryLimiterOptions {
  /** Counts allowed per key and window. */
  points: number
  /** The window, in seconds. */
  duration: number
}

export class MemoryRateLimiter {
  private readonly counts = new Map<string, number>()
  /** When each key's window ends, in seconds since `origin` (small integers). */
  private readonly ends = new Map<string, number>()
  private readonly origin: number
  private sweepAt = FIRST_SWEEP_AT

  constructor(
    private readonly options: MemoryLimiterOptions,
    private readonly clock: () => number = Date.now,
  ) {
    this.origin = clock()
  }

  /** Counts `points` for `key`: resolves with what is left, or rejects with the wait when over. */
  async consume(key: string, points = 1): Promise<RateLimiterRes> {
    // Each limit has its own instance, hence its own maps: the key alone names a count.
    const now = (this.clock() - this.origin) / 1000
    let end = this.ends.get(key)
    if (end === undefined || end <= now) {
      end = Math.ceil(now + this.options.duration)
      this.ends.set(key, end)
      this.counts.set(key, 0)
      if (this.ends.size >= this.sweepAt) this.sweep(now)
    }
    // Never counted past the limit + 1: a flood from one address cannot grow a count for ever.
    const consumed = Math.min((this.counts.get(key) ?? 0) + points, this.options.points + 1)
    this.counts.set(key, consumed)
    const result = new RateLimiterRes(Math.max(0, this.options.points - consumed), Math.round((end - now) * 1000), consumed, consumed === points)
    if (consumed > this.options.points) throw result
    return result
  }

  private sweep(now: number): void {
    for (const [name, end] of this.ends) {
      if (end > now) continue
      this.ends.delete(name)
      this.counts.delete(name)
    }
    this.sweepAt = Math.max(FIRST_SWEEP_AT, this.ends.size * 2)
  }

  /** Keys counted in a window not yet over, or over but not yet swept (tests). */
  get size(): number {
    return this.ends.size
  }
}
