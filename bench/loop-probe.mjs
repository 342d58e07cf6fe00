// Preloaded by the bench (`node --import`) into each server it measures, never by `npm start`:
// an event-loop delay histogram (perf_hooks.monitorEventLoopDelay) and every garbage-collection
// pause (PerformanceObserver 'gc'), and the process's CPU time. On SIGUSR2 it writes what it saw since the previous signal to
// BENCH_LOOP_FILE (JSON, with a sequence number) and starts again, so the bench reads one load at a
// time. Without BENCH_LOOP_FILE it does nothing.
import fs from 'node:fs'
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'

const file = process.env.BENCH_LOOP_FILE

if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 })
  histogram.enable()
  const kinds = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
  }
  let pauses = []
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ kind: kinds[entry.detail?.kind] ?? 'other', ms: entry.duration })
  }).observe({ entryTypes: ['gc'] })
  let seq = 0
  let since = performance.now()
  // CPU time is what a request costs whatever else runs on the machine (the loop delay and the
  // wall-clock figures are not, on a shared one).
  let cpuSince = process.cpuUsage()
  const ms = (ns) => ns / 1e6
  process.on('SIGUSR2', () => {
    const sorted = pauses.map((p) => p.ms).sort((a, b) => a - b)
    const byKind = {}
    for (const p of pauses) {
      const k = (byKind[p.kind] ??= { count: 0, totalMs: 0, maxMs: 0 })
      k.count++
      k.totalMs += p.ms
      k.maxMs = Math.max(k.maxMs, p.ms)
    }
    const snapshot = {
      seq: ++seq,
      seconds: (performance.now() - since) / 1000,
      loop: { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max), meanMs: ms(histogram.mean) },
      gc: {
        count: sorted.length,
        totalMs: sorted.reduce((s, x) => s + x, 0),
        maxMs: sorted.at(-1) ?? 0,
        p99Ms: sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] : 0,
        byKind,
      },
      heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
      cpuMs: (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpuSince)),
    }
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(snapshot))
    fs.renameSync(`${file}.tmp`, file)
    histogram.reset()
    pauses = []
    since = performance.now()
    cpuSince = process.cpuUsage()
  })
}
