// The submission phase of the SQLite run (issues 6 and 17): every target of the same rounds, a
// closed loop at 50 connections, then an open loop at 150 reports/s, interleaved so that a noisy
// minute of the machine falls on every target alike. Each server's event-loop probe is read around
// each of its loads (bench/loop-probe.mjs). See bench/README.md, steps 3–5.

import { closedLoop, openLoop, type ClosedResult, type OpenResult, type Target } from './load'
import { CONNECTIONS, OPEN_RATE, log, type Scale } from './harness'
import { loopSnapshot, type LoopSnapshot } from './loop-stats'
import { settle } from './procs'
import { fmt } from './report'

/** The server behind a target whose event-loop probe is read around its loads. */
export type Probes = Record<string, { pid: number; file: string }>

export interface SubmissionRun {
  /** Closed-loop results per target, one per round. */
  closed: Record<string, ClosedResult[]>
  /** The probed servers' loop and GC during each closed-loop round. */
  loops: Record<string, LoopSnapshot[]>
  /** Per target, the open-loop round with the median p99, and its probe. */
  open: Record<string, OpenResult>
  openLoops: Record<string, LoopSnapshot | null>
  /** Every open-loop round, in order. */
  openRounds: Record<string, { result: OpenResult; loop: LoopSnapshot | null }[]>
  /** References answered with a 201 by Relais, and by the bare stack. */
  refs: string[]
  bareRefs: string[]
  /** Errors and non-201 answers of every Relais load, warm-ups included. */
  errors: number
}

export const roundsText = (scale: Scale) => (scale.rounds === 1 ? '1 round (quick: no median of 3)' : `${scale.rounds} rounds`)

export function submissionRun(): SubmissionRun {
  return { closed: { noop: [], 'noop-pages': [], floor: [], relais: [], bare: [] }, loops: { relais: [], noop: [], floor: [] }, open: {}, openLoops: {}, openRounds: {}, refs: [], bareRefs: [], errors: 0 }
}

function harness(targets: Target[], probes: Probes, run: SubmissionRun) {
  const settled = () => settle(targets.map((t) => t.origin + (t.probe ?? '/api/health')))
  const probed = async <T>(t: Target, load: () => Promise<T>): Promise<{ result: T; loop: LoopSnapshot | null }> => {
    const probe = probes[t.name]
    if (probe) await loopSnapshot(probe.pid, probe.file)
    const result = await load()
    return { result, loop: probe ? await loopSnapshot(probe.pid, probe.file) : null }
  }
  const onReference = (t: Target) => (ref: string) => (t.name === 'bare' ? run.bareRefs : run.refs).push(ref)
  const countErrors = (t: Target, errors: number) => {
    if (t.name === 'relais') run.errors += errors
  }
  return { settled, probed, onReference, countErrors }
}

/** Warm-up, then the closed-loop rounds over every target. */
export async function closedLoops(targets: Target[], probes: Probes, scale: Scale, run: SubmissionRun): Promise<void> {
  const h = harness(targets, probes, run)
  for (const t of targets) {
    const warm = await closedLoop(t, { connections: CONNECTIONS, seconds: scale.warm, onReference: h.onReference(t) })
    await h.settled()
    h.countErrors(t, warm.errors + warm.non201)
  }
  for (let round = 1; round <= scale.rounds; round++) {
    for (const t of targets) {
      const { result: r, loop } = await h.probed(t, () => closedLoop(t, { connections: CONNECTIONS, seconds: scale.seconds, onReference: h.onReference(t) }))
      if (loop) run.loops[t.name]![round - 1] = loop
      await h.settled()
      run.closed[t.name]!.push(r)
      h.countErrors(t, r.errors + r.non201)
      log(`  round ${round} ${t.name.padEnd(6)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} p99 ${r.p99} ms  errors ${r.errors} non-${r.expected} ${r.non201}${loop ? `  loop p99 ${loop.loop.p99Ms.toFixed(1)} ms` : ''}`)
    }
  }
}

/**
 * The open loop in interleaved rounds as the closed loop: one 20 s sample per target swung its p99
 * ratio from × 1.35 to × 3.20 between runs of the same code (a slow sync of the disk). Each
 * target's round with the median p99 stands for it, its server's loop probe with it.
 */
export async function openLoops(targets: Target[], probes: Probes, scale: Scale, run: SubmissionRun): Promise<void> {
  const h = harness(targets, probes, run)
  for (let round = 1; round <= scale.rounds; round++) {
    for (const t of targets) {
      const one = await h.probed(t, () => openLoop(t, { rate: OPEN_RATE, seconds: scale.seconds, onReference: h.onReference(t) }))
      ;(run.openRounds[t.name] ??= []).push(one)
      await h.settled()
      h.countErrors(t, one.result.errors + one.result.nonExpected)
      log(`  round ${round} ${t.name} p50 ${fmt(one.result.p50)} p99 ${fmt(one.result.p99)} max ${fmt(one.result.max)} ms, errors ${one.result.errors}`)
    }
  }
  for (const [name, runs] of Object.entries(run.openRounds)) {
    const middle = [...runs].sort((a, b) => a.result.p99 - b.result.p99)[Math.floor((runs.length - 1) / 2)]!
    run.open[name] = middle.result
    run.openLoops[name] = middle.loop
  }
}
