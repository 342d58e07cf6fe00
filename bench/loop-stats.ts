// Reads the event-loop probe of a server (bench/loop-probe.mjs): SIGUSR2 asks it for what it saw
// since the previous signal; the answer is the JSON file it writes, with a growing sequence number.

import fs from 'node:fs'

export interface LoopSnapshot {
  seq: number
  seconds: number
  loop: { p50Ms: number; p99Ms: number; maxMs: number; meanMs: number }
  gc: { count: number; totalMs: number; maxMs: number; p99Ms: number; byKind: Record<string, { count: number; totalMs: number; maxMs: number }> }
  heapUsedMb: number
  /** CPU time (user + system) of the server process in the window. */
  cpuMs: number
}

function read(file: string): LoopSnapshot | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LoopSnapshot
  } catch {
    return null
  }
}

/** What the server's loop and GC did since the last call (the first call only starts the window). */
export async function loopSnapshot(pid: number, file: string, timeoutMs = 5_000): Promise<LoopSnapshot | null> {
  const before = read(file)?.seq ?? 0
  try {
    process.kill(pid, 'SIGUSR2')
  } catch {
    return null
  }
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const now = read(file)
    if (now && now.seq > before) return now
    await new Promise((r) => setTimeout(r, 20))
  }
  return null
}

const fmt = (v: number) => v.toFixed(1)

/** CPU ms per request of the server process during a load (robust to the machine being shared). */
export const cpuPerRequest = (s: LoopSnapshot | null | undefined, requests: number) => (s && requests > 0 ? s.cpuMs / requests : null)

export function describeLoop(s: LoopSnapshot | null | undefined, requests?: number): string {
  if (!s) return 'n/a'
  const perRequest = requests ? cpuPerRequest(s, requests) : null
  const kinds = Object.entries(s.gc.byKind)
    .map(([k, v]) => `${k} ${v.count}× max ${fmt(v.maxMs)}`)
    .join(', ')
  return `loop delay p50 ${fmt(s.loop.p50Ms)} p99 ${fmt(s.loop.p99Ms)} max ${fmt(s.loop.maxMs)} ms; GC ${s.gc.count} pauses, ${fmt(s.gc.totalMs)} ms in ${fmt(s.seconds)} s (${fmt((100 * s.gc.totalMs) / 1000 / Math.max(s.seconds, 0.001))}%), p99 ${fmt(s.gc.p99Ms)} max ${fmt(s.gc.maxMs)} ms${kinds ? ` (${kinds})` : ''}; heap used ${fmt(s.heapUsedMb)} MB; CPU ${fmt(s.cpuMs)} ms${perRequest === null ? '' : ` = ${perRequest.toFixed(2)} ms per request`}`
}
