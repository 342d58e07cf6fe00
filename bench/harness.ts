// What every phase of a bench run shares: its scale, the progress log, phases that fail alone (the
// failure noted, the run goes on), and the small readings of child output and of the machine.

import os from 'node:os'

export interface Scale {
  tickets: number
  /** Length of one load, closed or open. */
  seconds: number
  /** Untimed closed-loop warm-up per target. */
  warm: number
  /** Interleaved rounds of each load; ratios are medians of rounds. */
  rounds: number
  /** Timed requests per queue query. */
  queueN: number
  classifySeconds: number
}

/** Quick mode runs ONE interleaved round and exactly the 50-request minimum per queue query. */
export const scaleOf = (quick: boolean): Scale =>
  quick
    ? { tickets: 100_000, seconds: 5, warm: 1, rounds: 1, queueN: 50, classifySeconds: 2 }
    : { tickets: 1_000_000, seconds: 20, warm: 3, rounds: 3, queueN: 300, classifySeconds: 5 }

export const CONNECTIONS = 50
export const OPEN_RATE = 150
/** The minimum of timed requests per queue query. */
export const QUEUE_MIN = 50

export const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`)

/** What went wrong in phases that failed, for the table's notes. */
export const notes: string[] = []

/** Runs a phase; a failure (e.g. a feature not built yet) is noted and the bench goes on. */
export async function phase<T>(name: string, fn: () => Promise<T>): Promise<T | null> {
  log(name)
  try {
    return await fn()
  } catch (error) {
    const msg = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' | ') : String(error)
    notes.push(`${name}: FAILED — ${msg}`)
    log(`${name} FAILED: ${msg}`)
    return null
  }
}

/** The last line of a child's output that is a JSON object (every bench helper ends with one). */
export function lastJsonLine<T>(output: string): T {
  const line = output.trim().split('\n').reverse().find((l) => l.startsWith('{'))
  if (!line) throw new Error(`no JSON in output:\n${output.slice(-2000)}`)
  return JSON.parse(line) as T
}

export const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16)

export const loadAvg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')
