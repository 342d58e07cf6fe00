// Long synchronous work inside a request (reading a 5 MB directory export) shares the one event loop
// with every other request: it must hand the loop back often and give up past a time limit
// (issue 11, finding 3). Pure apart from the clock and setImmediate.

/** Longest stretch of work between two yields: other requests wait at most about this long. */
const SLICE_MS = 8

export class TimeLimitExceeded extends Error {
  constructor(limitMs: number) {
    super(`Work stopped after ${limitMs} ms`)
    this.name = 'TimeLimitExceeded'
  }
}

export interface TimeBudget {
  /** Call between small units of work: yields to the event loop once a slice is used up. */
  tick(): Promise<void>
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A budget of `limitMs` in all (wall clock, yields included); `tick` throws TimeLimitExceeded past it. */
export function timeBudget(limitMs: number): TimeBudget {
  const start = performance.now()
  let sliceStart = start
  return {
    async tick() {
      const now = performance.now()
      if (now - sliceStart < SLICE_MS) return
      if (now - start > limitMs) throw new TimeLimitExceeded(limitMs)
      await yieldToLoop()
      sliceStart = performance.now()
    },
  }
}
