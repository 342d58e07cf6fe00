// `npm run bench -- --db postgresql [--quick]` (issue 18): the submission and queue phases on
// PostgreSQL, each with ONE and with TWO app processes on the same database, side by side in one
// run. A throwaway cluster with durable settings, the schema applied by our migration runner, the
// queue seeded by bench/seed-queue-postgres.ts and kept as a template within the run. The two
// processes share the load with no proxy: autocannon spreads its connections over both ports, the
// open loop and the queue's session client take them in turn (a node:http proxy in between would
// take CPU from the same 2 cores). See bench/README.md.

import crypto from 'node:crypto'
import { cpuMeter, type CpuShare } from './cpu-share'
import { CONNECTIONS, OPEN_RATE, QUEUE_MIN, loadAvg, log, notes, phase, scaleOf, type Scale } from './harness'
import { closedLoop, openLoop, type ClosedResult, type OpenResult, type Target } from './load'
import { formatPostgresReport, type PostgresRun, type ProcessCount, type QueueTiming } from './postgres-report'
import { clusterSettings, copyDatabase, freePort, onDatabase, settle, startApp, startBenchCluster, type App } from './postgres-servers'
import { bin, runCommand, stopProcess } from './procs'
import { FILTERED_QUERY, Session, filteredRows, pageOf, timeGet, walkCursor } from './queue'
import { appendResults, commit, machine } from './report'
import type { PostgresSeedResult } from './seed-queue-postgres'
import type { PostgresCluster } from '../tests/support/postgres-cluster'
import { createPostgresTemplate, databaseUrlOn } from '../tests/support/postgres-databases'

export interface PostgresBenchOptions {
  quick: boolean
  record: boolean
  distDir: string
  build: () => Promise<{ rebuilt: boolean; seconds: number; builtAt: number }>
}

/** WAL flushes so far (pg_stat_wal): divided by the commits, how many reports one flush carried. */
const walSyncs = (url: string) => onDatabase(url, async (c) => Number((await c.query('SELECT wal_sync FROM pg_stat_wal')).rows[0].wal_sync))

interface SubmissionFigures {
  closed: Record<string, ClosedResult[]>
  closedCpu: Record<string, CpuShare[]>
  walSyncsPer201: Record<string, number>
  open: Record<string, OpenResult>
  openCpu: Record<string, CpuShare>
  refs: string[]
  errors: number
}

async function submissions(apps: App[], url: string, scale: Scale, meter: ReturnType<typeof cpuMeter>, log: (m: string) => void): Promise<SubmissionFigures> {
  const spread = { 1: [apps[0]!.origin], 2: apps.map((a) => a.origin) }
  const targets: Target[] = ([1, 2] as const).flatMap((n) => [
    { name: `floor ×${n}`, origin: apps[0]!.origin, origins: spread[n], method: 'GET' as const, path: '/api/health' },
    { name: `relais ×${n}`, origin: apps[0]!.origin, origins: spread[n], method: 'POST' as const, path: '/api/reports' },
  ])
  const all = spread[2]
  const f: SubmissionFigures = { closed: {}, closedCpu: {}, walSyncsPer201: {}, open: {}, openCpu: {}, refs: [], errors: 0 }
  const onReference = (ref: string) => f.refs.push(ref)
  for (const t of targets) {
    const warm = await closedLoop(t, { connections: CONNECTIONS, seconds: scale.warm, onReference })
    if (t.method === 'POST') f.errors += warm.errors + warm.non201
    await settle(all)
  }
  for (let round = 1; round <= scale.rounds; round++) {
    for (const t of targets) {
      const syncs = t.method === 'POST' ? await walSyncs(url) : 0
      const stop = meter.start()
      const r = await closedLoop(t, { connections: CONNECTIONS, seconds: scale.seconds, onReference })
      ;(f.closedCpu[t.name] ??= []).push(stop())
      ;(f.closed[t.name] ??= []).push(r)
      if (t.method === 'POST') {
        f.errors += r.errors + r.non201
        f.walSyncsPer201[t.name] = r.requests / Math.max(1, (await walSyncs(url)) - syncs)
      }
      log(`  round ${round} ${t.name.padEnd(10)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} p99 ${r.p99} ms  errors ${r.errors} non-${r.expected} ${r.non201}`)
      await settle(all)
    }
  }
  for (const t of targets) {
    const stop = meter.start()
    const o = await openLoop(t, { rate: OPEN_RATE, seconds: scale.seconds, onReference })
    f.openCpu[t.name] = stop()
    f.open[t.name] = o
    if (t.method === 'POST') f.errors += o.errors + o.nonExpected
    log(`  open ${t.name.padEnd(10)} p50 ${o.p50.toFixed(1)} p99 ${o.p99.toFixed(1)} ms, errors ${o.errors}`)
    await settle(all)
  }
  return f
}

async function storedCheck(url: string, refs: string[]) {
  return onDatabase(url, async (c) => {
    const stored = new Set((await c.query<{ reference: string }>('SELECT "reference" FROM "Ticket"')).rows.map((r) => r.reference))
    const missing = refs.filter((r) => !stored.has(r))
    return { answered201: refs.length, stored: refs.length - missing.length, rows: stored.size, ok: missing.length === 0 && refs.length > 0 }
  })
}

/** The queue and the dashboard with one session client spread over `origins`, as the SQLite phase times them. */
async function queueTimings(apps: App[], admin: { email: string; password: string }, scale: Scale, searchTerm: string, meter: ReturnType<typeof cpuMeter>, log: (m: string) => void, notes: string[]) {
  const origins = apps.map((a) => a.origin)
  const session = new Session(origins[0]!, origins)
  if (!(await session.signIn(admin.email, admin.password))) throw new Error('sign-in returned no session cookie')
  const api = '/api/admin/tickets'
  const out: Record<string, QueueTiming> = {}
  const count = (body: string) => pageOf(body).items.length
  // A query that fails (a feature not ported to PostgreSQL yet) is noted with the server's own error
  // line, and the others are still timed.
  const timed = async (name: string, p: string, check?: (body: string) => number) => {
    const stop = meter.start()
    const t = await timeGet(session, name, p, { min: QUEUE_MIN, target: scale.queueN }, check).catch((error: Error) => {
      const serverError = apps.flatMap((a) => a.proc.output().split('\n')).filter((l) => /error/i.test(l)).at(-1)?.slice(0, 300)
      notes.push(`queue ${name} ×${origins.length}: NOT RUN — ${error.message.split(':').slice(0, 3).join(':').slice(0, 120)}${serverError ? ` (server: ${serverError.trim()})` : ''}`)
      log(`  ×${origins.length} ${name} FAILED`)
      return null
    })
    const cpu = stop()
    if (!t) return
    out[name] = { ...t, cpu, requests: t.n + 3 }
    log(`  ×${origins.length} ${name.padEnd(17)} p50 ${t.p50.toFixed(1)} p95 ${t.p95.toFixed(1)} ms (n=${t.n})${t.short ? ` BELOW THE ${QUEUE_MIN} MINIMUM: ${t.short}` : ''}`)
  }
  const warmUps = [api, `${api}${FILTERED_QUERY}`, `${api}?q=${encodeURIComponent(searchTerm)}`, '/admin']
  for (let i = 0; i < 10 * origins.length; i++) for (const p of warmUps) await session.fetch(p)
  await timed('floor', '/api/health')
  await timed('first', api, count)
  await timed('filtered', `${api}${FILTERED_QUERY}`, filteredRows)
  await timed('search', `${api}?q=${encodeURIComponent(searchTerm)}`, count)
  await timed('search-common', `${api}?q=503`, count)
  const w = await walkCursor(session, api, 50, 100).catch((error: Error) => (notes.push(`cursor walk ×${origins.length}: ${error.message}`), null))
  if (w) await timed('deep', `${api}?cursor=${encodeURIComponent(w.cursor)}`, count)
  await timed('admin', '/admin')
  const dashboardOk = (body: string) => {
    if (!body.includes('Signalements reçus')) throw new Error('the dashboard page has no chart')
    return 1
  }
  for (const p of ['30d', 'rentree']) for (let i = 0; i < 3 * origins.length; i++) await session.fetch(`/admin/tableau-de-bord?period=${p}`)
  await timed('dashboard-30d', '/admin/tableau-de-bord?period=30d', dashboardOk)
  await timed('dashboard-rentree', '/admin/tableau-de-bord?period=rentree', dashboardOk)
  session.close()
  return out
}

/**
 * The migrated schema (our runner, as `npm run db:deploy`) with the admin made by `npm run
 * admin:create`, and its copies: the queue's template (seeded next) and the submissions' database.
 * Returns the migration's seconds.
 */
async function prepareDatabases(cluster: PostgresCluster, admin: { email: string; password: string }): Promise<number> {
  const t = performance.now()
  await createPostgresTemplate(cluster.url(), 'bench_migrated')
  const seconds = (performance.now() - t) / 1000
  await runCommand('npm', ['run', '--silent', 'admin:create', '--', '--email', admin.email, '--password', admin.password, '--role', 'ADMIN'], {
    env: { ...process.env, DATABASE_URL: databaseUrlOn(cluster.url(), 'bench_migrated') },
  })
  await copyDatabase(cluster, 'bench_migrated', 'bench_queue_template')
  await copyDatabase(cluster, 'bench_migrated', 'bench_submit')
  return seconds
}

export async function runPostgresBench(opts: PostgresBenchOptions): Promise<void> {
  // The SQLite run's scale, with 100 timed requests per queue query in a full run (each at ×1 and ×2).
  const scale: Scale = { ...scaleOf(opts.quick), queueN: opts.quick ? 50 : 100 }
  const t0 = performance.now()
  const run: PostgresRun = { quick: opts.quick, scale, settings: clusterSettings, notes, loadAtStart: loadAvg(), steps: {}, submit: null, queue: {}, seed: null }
  run.build = await opts.build()
  const { cluster, port: clusterPort, postmaster, stop: stopCluster } = await startBenchCluster()
  log(`PostgreSQL cluster on port ${clusterPort} (${Object.entries(clusterSettings).map(([k, v]) => `${k}=${v}`).join(', ')}, fsync and synchronous_commit on)`)
  const apps: App[] = []
  const stopApps = async () => {
    for (const a of apps.splice(0)) {
      run.maxRssMb = Math.max(run.maxRssMb ?? 0, a.rss.stop())
      await stopProcess(a.proc)
    }
  }
  try {
    const secret = crypto.randomBytes(32).toString('base64url')
    const admin = { email: 'bench-admin@relais.test', password: crypto.randomBytes(18).toString('base64url') }
    const server = cluster.url()
    const dbUrl = (name: string) => databaseUrlOn(server, name)
    run.steps.migrate = await prepareDatabases(cluster, admin)
    const meter = cpuMeter(() => ({ app: apps.map((a) => a.proc.pid), postgres: [postmaster] }))
    const ports = [await freePort(clusterPort + 1)]
    ports.push(await freePort(ports[0]! + 1))
    const publicOrigin = `http://127.0.0.1:${ports[0]}`
    log(`setup: seed ${scale.tickets.toLocaleString('en')} tickets (bench/seed-queue-postgres.ts) while two app processes start`)
    const t = performance.now()
    const [seed, started] = await Promise.all([
      phase('seed the queue', async () => {
        const out = await runCommand(bin('tsx'), ['bench/seed-queue-postgres.ts', dbUrl('bench_queue_template'), String(scale.tickets)])
        const result = JSON.parse(out.trim().split('\n').at(-1)!) as PostgresSeedResult
        log(`  seeded in ${result.seconds.toFixed(1)} s`)
        return result
      }),
      Promise.all(ports.map((p) => startApp(p, dbUrl('bench_submit'), publicOrigin, secret, opts.distDir).then((app) => (log(`  app process on port ${p} ready`), app)))),
    ])
    apps.push(...started)
    run.seed = seed
    run.steps.setup = (performance.now() - t) / 1000

    const sub = await phase(`submissions: closed loop (${CONNECTIONS} connections, ${scale.seconds} s, ${scale.rounds} round(s)) and open loop ${OPEN_RATE}/s, ×1 and ×2 processes`, () =>
      submissions(apps, dbUrl('bench_submit'), scale, meter, log),
    )
    if (sub) run.submit = { ...sub, stored: await storedCheck(dbUrl('bench_submit'), sub.refs) }
    await stopApps()

    if (seed) {
      run.steps.queueCopy = await copyDatabase(cluster, 'bench_queue_template', 'bench_queue')
      apps.push(...(await Promise.all(ports.map((p) => startApp(p, dbUrl('bench_queue'), publicOrigin, secret, opts.distDir)))))
      const searchTerm = `Personne ${Math.floor(scale.tickets / 2).toString(36)}`
      for (const n of [1, 2] as ProcessCount[]) {
        const timings = await phase(`queue and dashboard at ${scale.tickets.toLocaleString('en')} tickets, ×${n} process${n > 1 ? 'es' : ''}`, () =>
          queueTimings(apps.slice(0, n), admin, scale, searchTerm, meter, log, run.notes),
        )
        if (timings) run.queue[n] = timings
      }
      await stopApps()
    }
  } finally {
    await stopApps()
    stopCluster()
  }
  run.loadAtEnd = loadAvg()
  run.totalSeconds = (performance.now() - t0) / 1000
  const { text, json } = formatPostgresReport(run)
  if (!opts.quick || opts.record) {
    appendResults(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — PostgreSQL ${opts.quick ? 'quick' : 'full'} run`, `- commit: ${commit()}\n- machine: ${machine()}\n\n\`\`\`\n${text}\n\`\`\`\n\n\`${JSON.stringify(json)}\``)
  }
  console.log(text)
  console.log(JSON.stringify(json))
}

