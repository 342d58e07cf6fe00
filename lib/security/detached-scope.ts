import 'server-only'
import { AsyncResource } from 'node:async_hooks'

// Work that outlives a request must not keep the request alive. Node copies every AsyncLocalStorage
// store (Next.js keeps the request, the response and their caches in several) into each timer or
// promise created while a request runs. A rate limiter entry lives ten minutes on a timer made during
// the request that counted it: without care, every counted request stays in memory that long
// (measured: ~40 kB a report, 1.5 GB of resident memory over the benchmark's back-to-school load).
//
// The detached scope is an async context captured once at server start-up, before any request, so it
// carries no request store. Code that schedules long-lived timers runs inside it.

const globalForScope = globalThis as unknown as { relaisDetachedScope?: AsyncResource }

/** Captures the detached scope. Call it where no request is running (instrumentation `register`). */
export function captureDetachedScope(): void {
  globalForScope.relaisDetachedScope ??= new AsyncResource('RelaisDetachedScope')
}

/**
 * Runs `fn` outside every request context. The caller still awaits the result in its own context.
 * Before `captureDetachedScope` has run (scripts, unit tests) `fn` runs where it is called.
 */
export function runDetached<T>(fn: () => T): T {
  const scope = globalForScope.relaisDetachedScope
  return scope ? scope.runInAsyncScope(fn) : fn()
}
