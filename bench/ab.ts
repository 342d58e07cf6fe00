// `tsx bench/ab.ts [--seconds 5] [--rounds 5] variant…` — side-by-side A/B of ways to serve the same
// Relais submissions (issue 17), for a shared machine where two runs of `npm run bench` minutes
// apart are not comparable: every variant runs at the same time as the others, each on its own
// fresh database, and the loads alternate (no-op POST of the floor app, then each variant) in every
// round. A variant is `name:distDir:entry[:nocap]`, entry `server` (scripts/server.mjs, what
// `npm start` runs) or `next-start`; `nocap` drops the heap limit of `npm start`. Reported per
// variant, median of rounds: req/s and p99 at 50 connections, their ratios to the no-op POST of
// the same round, server CPU ms per report (the figure a busy machine disturbs least), event-loop
// p99 and GC share. Servers get the environment of the bench's (bench/run.ts startRelais).

import crypto from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs'
import { closedLoop, type ClosedResult, type Target } from './load'
import { probeFlags, startFloor } from './floor'
import { cpuPerRequest, loopSnapshot, type LoopSnapshot } from './loop-stats'
import { appServerEnv, root, startNodeFlags, startProcess, stopProcess, waitForHttp, type Started } from './procs'
import { fmt, median, table } from './report'
import { copyTemplate, migratedTemplate } from './templates'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback)
const seconds = option('--seconds', 5)
const rounds = option('--rounds', 5)
const specs = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))
const log = (msg: string) => process.stderr.write(`[ab ${new Date().toISOString().slice(11, 19)}] ${msg}\n`)

interface Variant {
  name: string
  proc: Started
  origin: string
  loopFile: string
  runs: { result: ClosedResult; loop: LoopSnapshot | null; noop: ClosedResult }[]
}

async function start(spec: string, port: number, tmp: string, template: Awaited<ReturnType<typeof migratedTemplate>>): Promise<Variant> {
  const [name, distDir, entry, cap] = spec.split(':') as [string, string, string, string?]
  const dbFile = path.join(tmp, `${name}.db`)
  copyTemplate(template, dbFile)
  const origin = `http://127.0.0.1:${port}`
  const loopFile = path.join(tmp, `loop-${name}.json`)
  const probe = probeFlags(loopFile)
  const secret = crypto.randomBytes(32).toString('base64url')
  const env = { ...appServerEnv({ port, distDir, databaseUrl: `file:${dbFile}`, secret, publicOrigin: origin }), ...probe.env }
  const flags = startNodeFlags().filter((f) => !(cap === 'nocap' && f.startsWith('--max-old-space-size')))
  const main = entry === 'next-start' ? [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)] : [path.join(root, 'scripts/server.mjs')]
  const proc = startProcess(process.execPath, [...flags, ...probe.flags, ...main], { env })
  await waitForHttp(`${origin}/api/health`, proc)
  return { name, proc, origin, loopFile, runs: [] }
}

async function main() {
  if (specs.length === 0) throw new Error('usage: tsx bench/ab.ts [--seconds N] [--rounds N] name:distDir:server|next-start[:nocap] …')
  const tmp = path.join(root, 'bench', '.tmp', `ab-${Date.now()}`)
  fs.mkdirSync(tmp, { recursive: true })
  const started: Started[] = []
  try {
    const template = await migratedTemplate()
    const floor = await startFloor(3250, path.join(tmp, 'loop-floor.json'))
    started.push(floor.proc)
    const variants: Variant[] = []
    for (const [i, spec] of specs.entries()) {
      const v = await start(spec, 3251 + i, tmp, template)
      started.push(v.proc)
      variants.push(v)
    }
    const noopTarget: Target = { name: 'noop', origin: floor.origin, method: 'POST', path: '/api/noop' }
    const target = (v: Variant): Target => ({ name: v.name, origin: v.origin, method: 'POST', path: '/api/reports' })
    for (const v of variants) await closedLoop(target(v), { connections: 50, seconds }) // warm-up: JIT, caches
    await closedLoop(noopTarget, { connections: 50, seconds: 2 })
    for (let round = 1; round <= rounds; round++) {
      for (const v of variants) {
        // The no-op right before each variant: the ratio compares loads a few seconds apart.
        const noop = await closedLoop(noopTarget, { connections: 50, seconds })
        await loopSnapshot(v.proc.pid, v.loopFile)
        const result = await closedLoop(target(v), { connections: 50, seconds })
        const loop = await loopSnapshot(v.proc.pid, v.loopFile)
        v.runs.push({ result, loop, noop })
        log(`round ${round} ${v.name}: ${result.rps.toFixed(0)}/s p99 ${result.p99} ms (no-op ${noop.rps.toFixed(0)}/s p99 ${noop.p99} ms), CPU ${fmt(cpuPerRequest(loop, result.requests), 2)} ms/report, errors ${result.errors + result.non201}`)
        await new Promise((r) => setTimeout(r, 1000))
      }
    }
    const m = (xs: (number | null)[]) => median(xs.filter((x): x is number => x !== null && Number.isFinite(x)))
    const rows: [string, string][] = variants.map((v) => [
      v.name,
      [
        `${fmt(m(v.runs.map((r) => r.result.rps)), 0)} req/s`,
        `÷ no-op ${fmt(m(v.runs.map((r) => r.result.rps / r.noop.rps)), 2)}`,
        `p99 ${fmt(m(v.runs.map((r) => r.result.p99)), 0)} ms (÷ no-op ${fmt(m(v.runs.map((r) => r.result.p99 / r.noop.p99)), 2)})`,
        `CPU ${fmt(m(v.runs.map((r) => cpuPerRequest(r.loop, r.result.requests))), 2)} ms/report`,
        `loop p99 ${fmt(m(v.runs.map((r) => r.loop?.loop.p99Ms ?? null)), 0)} ms`,
        `GC ${fmt(m(v.runs.map((r) => (r.loop ? (100 * r.loop.gc.totalMs) / 1000 / r.loop.seconds : null))), 1)}% max ${fmt(m(v.runs.map((r) => r.loop?.gc.maxMs ?? null)), 0)} ms`,
        `errors ${v.runs.reduce((s, r) => s + r.result.errors + r.result.non201, 0)}`,
      ].join(', '),
    ])
    rows.push(['rounds', `${rounds} × ${seconds} s per load, 50 connections; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`])
    console.log(table(rows))
  } finally {
    for (const p of started) await stopProcess(p)
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
