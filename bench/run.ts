// `npm run bench [-- --quick] [-- --profile] [-- --rebuild] [-- --keep] [-- --record] [-- --next-start] [-- --no-heap-cap] [-- --rounds N]`
// Issue 6: submission throughput against its two limits (framework floor, bare stack), open-loop
// latency; issue 17: the framework floor is a separate no-op Next app (bench/floor.ts), and the
// servers' event-loop delay and GC pauses are read during each load (bench/loop-probe.mjs); the admin queue at 1,000,000 tickets, classifier throughput and page weight, all against
// the production build on a fresh database. Progress goes to stderr; the table then, as the LAST
// line of stdout, one JSON object. See bench/README.md.

import Database from 'better-sqlite3'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { closedLoop, openLoop, type ClosedResult, type OpenResult, type Target } from './load'
import { buildFloor, probeFlags, startFloor } from './floor'
import { cpuPerRequest, describeLoop, loopSnapshot, type LoopSnapshot } from './loop-stats'
import { pageWeight } from './page-weight'
import { appServerEnv, bin, root, runCommand, sampleRss, startNodeFlags, startProcess, stopProcess, waitForHttp, type Started } from './procs'
import { formatSummary, summarise } from './profile-summary'
import { FILTERED_QUERY, Session, filteredRows, pageOf, timeGet, timeInterleaved, walkCursor, type TimedGet, type Timing } from './queue'
import { exportRows, exportSummary, exportTargets, measureExport } from './export'
import { appendResults, checkTargets, commit, fmt, machine, median, table, type Summary } from './report'
import { copyTemplate, migratedTemplate, seededTemplate, type Template } from './templates'
import { runPostgresBench } from './postgres'
import { buildIsStale } from '../scripts/build-sources.mjs'

const args = process.argv.slice(2)
// `--db postgresql` (issue 18): bench/postgres.ts runs the PostgreSQL phases instead (see main).
const dbFlag = args.includes('--db') ? args[args.indexOf('--db') + 1] : 'sqlite'
if (dbFlag !== 'sqlite' && dbFlag !== 'postgresql') throw new Error(`--db sqlite|postgresql, not ${dbFlag}`)
const quick = args.includes('--quick')
const profile = args.includes('--profile')
// Quick mode runs ONE interleaved round (its ratios are that round's, not a median of three) and
// times each queue query exactly the 50-request minimum; everything else is the full run, smaller.
const scale = quick
  ? { tickets: 100_000, seconds: 5, warm: 1, rounds: 1, queueN: 50, classifySeconds: 2 }
  : { tickets: 1_000_000, seconds: 20, warm: 3, rounds: 3, queueN: 300, classifySeconds: 5 }
// --rounds N: that many interleaved rounds (e.g. a quick run with medians of 3 on a busy machine).
const roundsArg = Number(args[args.indexOf('--rounds') + 1])
if (args.includes('--rounds') && Number.isInteger(roundsArg) && roundsArg > 0) scale.rounds = roundsArg
/** The issue's minimum of timed requests per queue query (see timeGet for the one exception). */
const QUEUE_MIN = 50
const CONNECTIONS = 50
const OPEN_RATE = 150
const distDir = '.next-bench'
const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`)
const notes: string[] = []

async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer().once('error', () => resolve(false))
      s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)))
    })
    if (free) return port
  }
  throw new Error(`no free port from ${from}`)
}

interface BuildInfo {
  rebuilt: boolean
  seconds: number
  builtAt: number
}

/** `next build` into .next-bench unless that build is newer than every source; reverts tsconfig.json. */
async function build(): Promise<BuildInfo> {
  const buildId = path.join(root, distDir, 'BUILD_ID')
  if (!buildIsStale(root, distDir) && !args.includes('--rebuild')) {
    const builtAt = fs.statSync(buildId).mtimeMs
    log(`build ${distDir} (${new Date(builtAt).toISOString().slice(11, 16)} UTC) is newer than every source: not rebuilt`)
    return { rebuilt: false, seconds: 0, builtAt }
  }
  log(`next build → ${distDir} (takes a few minutes on 2 cores)`)
  const tsconfig = path.join(root, 'tsconfig.json')
  const before = fs.readFileSync(tsconfig, 'utf8')
  const t0 = performance.now()
  try {
    await runCommand(bin('next'), ['build'], { env: { ...process.env, NEXT_DIST_DIR: distDir, NODE_ENV: 'production' } })
  } finally {
    if (fs.readFileSync(tsconfig, 'utf8') !== before) fs.writeFileSync(tsconfig, before)
  }
  return { rebuilt: true, seconds: (performance.now() - t0) / 1000, builtAt: Date.now() }
}

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16)
const describeTemplate = (t: Template | null, what: string) =>
  !t ? 'n/a' : t.reused ? `${what}: template reused (built ${hhmm(t.builtAt)} UTC in ${t.buildSeconds.toFixed(1)} s; its inputs are unchanged)` : `${what}: template built in ${t.buildSeconds.toFixed(1)} s`

/** Copies the admin account made by `npm run admin:create` on one database into another. */
function copyAdmin(from: string, to: string, email: string) {
  const sqlite = new Database(to)
  try {
    sqlite.prepare('ATTACH DATABASE ? AS src').run(from)
    const n = sqlite.prepare(`INSERT INTO "StaffUser" SELECT * FROM src."StaffUser" WHERE "email" = ?`).run(email).changes
    sqlite.exec('DETACH DATABASE src')
    if (n !== 1) throw new Error(`admin ${email} not found in ${from}`)
  } finally {
    sqlite.close()
  }
}

interface Server {
  proc: Started
  origin: string
  rss: ReturnType<typeof sampleRss>
  /** Where the server's event-loop probe writes (bench/loop-probe.mjs). */
  loopFile: string
}

/** The node flags of `npm start`; --no-heap-cap drops its heap limit (to see what it costs in GC and p99). */
const relaisNodeFlags = () => startNodeFlags().filter((f) => !(args.includes('--no-heap-cap') && f.startsWith('--max-old-space-size')))

async function startRelais(port: number, dbFile: string, secret: string, loopFile: string, profileDir?: string): Promise<Server> {
  const origin = `http://127.0.0.1:${port}`
  const probe = probeFlags(loopFile)
  const env = { ...appServerEnv({ port, distDir, databaseUrl: `file:${dbFile}`, secret, publicOrigin: origin }), ...probe.env }
  // The production entry (scripts/server.mjs wraps Next in node:http); plain `next start` on request.
  // --cpu-prof is refused in NODE_OPTIONS, so it goes on the node command line.
  const wrapper = path.join(root, 'scripts', 'server.mjs')
  const entry =
    args.includes('--next-start') || !fs.existsSync(wrapper)
      ? [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port)]
      : [wrapper]
  const nodeFlags = [...relaisNodeFlags(), ...probe.flags, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])]
  const proc = startProcess(process.execPath, [...nodeFlags, ...entry], { env })
  const rss = sampleRss(proc.pid)
  await waitForHttp(`${origin}/api/health`, proc)
  return { proc, origin, rss, loopFile }
}

/** Runs a phase; a failure (e.g. a feature not built yet) is noted and the bench goes on. */
async function phase<T>(name: string, fn: () => Promise<T>): Promise<T | null> {
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

function lastJsonLine<T>(output: string): T {
  const line = output.trim().split('\n').reverse().find((l) => l.startsWith('{'))
  if (!line) throw new Error(`no JSON in output:\n${output.slice(-2000)}`)
  return JSON.parse(line) as T
}

function storedCheck(dbFile: string, refs: string[]) {
  const sqlite = new Database(dbFile, { readonly: true })
  try {
    const stored = new Set((sqlite.prepare(`SELECT "reference" FROM "Ticket"`).raw().all() as [string][]).map((r) => r[0]))
    const missing = refs.filter((r) => !stored.has(r))
    return { answered201: refs.length, stored: refs.length - missing.length, rows: stored.size, ok: missing.length === 0 && refs.length > 0 }
  } finally {
    sqlite.close()
  }
}

/**
 * Waits until every server has worked off the requests still queued when the generator stopped
 * (autocannon does not wait for them), so one load never eats into the next one's time.
 */
async function settle(targets: Target[]) {
  for (const url of new Set(targets.map((t) => t.origin + (t.probe ?? '/api/health')))) {
    const deadline = Date.now() + 30_000
    for (let fast = 0; fast < 2 && Date.now() < deadline; ) {
      const t0 = performance.now()
      await fetch(url)
        .then((r) => r.arrayBuffer())
        .catch(() => null)
      fast = performance.now() - t0 < 50 ? fast + 1 : 0
    }
  }
}

const walMb = (dbFile: string) => (fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size / 2 ** 20 : 0)

const loadAvg = () => os.loadavg().map((l) => l.toFixed(1)).join(' ')

async function main() {
  if (dbFlag === 'postgresql') return runPostgresBench({ quick, record: args.includes('--record'), distDir, build, log })
  const t0 = performance.now()
  const loadAtStart = loadAvg()
  const tmp = path.join(root, 'bench', '.tmp', `run-${Date.now()}`)
  fs.mkdirSync(tmp, { recursive: true })
  const relaisDb = path.join(tmp, 'relais.db')
  const bareDb = path.join(tmp, 'bare.db')
  const queueDb = path.join(tmp, 'queue.db')
  const profileDir = profile ? path.join(tmp, 'profiles') : undefined
  const secret = crypto.randomBytes(32).toString('base64url')
  const admin = { email: 'bench-admin@relais.test', password: crypto.randomBytes(18).toString('base64url') }
  const servers: Server[] = []
  const rssMax: number[] = []
  const rssLabels: string[] = []
  const stopServer = async (s: Server) => {
    rssMax.push(s.rss.stop())
    rssLabels.push(`${rssMax.length === 1 ? 'submission' : 'queue'} server ${fmt(rssMax.at(-1))} MB`)
    await stopProcess(s.proc)
    servers.splice(servers.indexOf(s), 1)
  }
  let bare: Started | null = null
  let floorApp: Started | null = null
  try {
    const built = await build()
    const floorBuilt = await buildFloor(args.includes('--rebuild'), log)
    const tBench = performance.now()
    log(`fresh databases in ${path.relative(root, tmp)} (copies of templates in bench/.tmp/cache)`)
    const migrated = await migratedTemplate()
    log(`  ${describeTemplate(migrated, 'migrated schema')}`)
    copyTemplate(migrated, relaisDb)
    copyTemplate(migrated, bareDb)
    const breakdownDb = path.join(tmp, 'breakdown.db')
    copyTemplate(migrated, breakdownDb)

    // Setup, nothing measured yet: the admin account, the seeded queue database and both servers
    // are prepared at the same time; every measurement below starts once all of them are ready.
    const relaisPort = await freePort(3200)
    const barePort = await freePort(relaisPort + 1)
    const bareOrigin = `http://127.0.0.1:${barePort}`
    const floorPort = await freePort(barePort + 1)
    const floorLoopFile = path.join(tmp, 'loop-floor.json')
    bare = startProcess(bin('tsx'), ['--conditions=react-server', 'bench/baseline-server.ts'], {
      env: { ...process.env, PORT: String(barePort), DATABASE_URL: `file:${bareDb}`, NODE_ENV: 'production' },
    })
    log(`setup: admin account, ${scale.tickets.toLocaleString('en')}-ticket queue database, Relais, bare and floor servers`)
    const [adminCreated, seeded, relais, bareUp, floor] = await Promise.all([
      phase('create the admin (npm run admin:create)', () =>
        runCommand('npm', ['run', '--silent', 'admin:create', '--', '--email', admin.email, '--password', admin.password, '--role', 'ADMIN'], {
          env: { ...process.env, DATABASE_URL: `file:${relaisDb}` },
        }),
      ),
      phase(`seed ${scale.tickets.toLocaleString('en')} tickets (bench/seed-queue.ts)`, () => seededTemplate(migrated, scale.tickets)),
      startRelais(relaisPort, relaisDb, secret, path.join(tmp, 'loop-relais.json'), profileDir && path.join(profileDir, 'submit')),
      phase('start the bare stack (bench/baseline-server.ts)', () => waitForHttp(`${bareOrigin}/`, bare!)),
      phase('start the floor app (next start bench/floor-app)', async () => {
        const f = await startFloor(floorPort, floorLoopFile)
        floorApp = f.proc
        return f
      }),
    ])
    servers.push(relais)
    if (seeded) {
      log(`  ${describeTemplate(seeded, `${scale.tickets.toLocaleString('en')} tickets`)}`)
      copyTemplate(seeded, queueDb)
      if (adminCreated !== null) copyAdmin(relaisDb, queueDb, admin.email)
    }
    const setupSeconds = (performance.now() - tBench) / 1000

    // 1–2. Submission against its limits, interleaved rounds.
    // `noop` is the floor app's no-op POST (issue 17's reference); `noop-pages` the same no-op as a
    // Pages Router API route (how Relais serves POST /api/reports: the like-for-like floor, reported
    // beside it); `floor` keeps issue 6's no-op route of the Relais build itself (GET /api/health).
    const targets: Target[] = [
      ...(floor === null
        ? []
        : [
            { name: 'noop', origin: floor.origin, method: 'POST' as const, path: '/api/noop', probe: '/api/noop' },
            { name: 'noop-pages', origin: floor.origin, method: 'POST' as const, path: '/api/pages-noop', probe: '/api/noop' },
          ]),
      { name: 'floor', origin: relais.origin, method: 'GET', path: '/api/health' },
      { name: 'relais', origin: relais.origin, method: 'POST', path: '/api/reports' },
      ...(bareUp === null ? [] : [{ name: 'bare', origin: bareOrigin, method: 'POST' as const, path: '/api/reports' }]),
    ]
    // The event-loop probe of the server behind each target, read around each of its loads.
    const probes: Record<string, { pid: number; file: string }> = {
      relais: { pid: relais.proc.pid, file: relais.loopFile },
      floor: { pid: relais.proc.pid, file: relais.loopFile },
      ...(floor ? { noop: { pid: floor.proc.pid, file: floorLoopFile } } : {}),
    }
    const loops: Record<string, LoopSnapshot[]> = { relais: [], noop: [], floor: [] }
    const openLoops: Record<string, LoopSnapshot | null> = {}
    const probed = async <T>(t: Target, load: () => Promise<T>): Promise<{ result: T; loop: LoopSnapshot | null }> => {
      const probe = probes[t.name]
      if (probe) await loopSnapshot(probe.pid, probe.file)
      const result = await load()
      return { result, loop: probe ? await loopSnapshot(probe.pid, probe.file) : null }
    }
    const refs: string[] = []
    const bareRefs: string[] = []
    const onReference = (t: Target) => (ref: string) => (t.name === 'bare' ? bareRefs : refs).push(ref)
    const closed: Record<string, ClosedResult[]> = { noop: [], 'noop-pages': [], floor: [], relais: [], bare: [] }
    let submitErrors = 0
    const roundsText = scale.rounds === 1 ? '1 round (quick: no median of 3)' : `${scale.rounds} rounds`
    await phase(`closed loop: ${roundsText} × (floor, Relais, bare), ${CONNECTIONS} connections, ${scale.seconds} s each`, async () => {
      for (const t of targets) {
        const warm = await closedLoop(t, { connections: CONNECTIONS, seconds: scale.warm, onReference: onReference(t) })
        await settle(targets)
        if (t.name === 'relais') submitErrors += warm.errors + warm.non201
      }
      for (let round = 1; round <= scale.rounds; round++) {
        for (const t of targets) {
          const { result: r, loop } = await probed(t, () => closedLoop(t, { connections: CONNECTIONS, seconds: scale.seconds, onReference: onReference(t) }))
          if (loop) loops[t.name]![round - 1] = loop
          await settle(targets)
          closed[t.name]!.push(r)
          if (t.name === 'relais') submitErrors += r.errors + r.non201
          log(`  round ${round} ${t.name.padEnd(6)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} p99 ${r.p99} ms  errors ${r.errors} non-${r.expected} ${r.non201}${loop ? `  loop p99 ${loop.loop.p99Ms.toFixed(1)} ms` : ''}`)
        }
      }
    })
    // The open loop in interleaved rounds as the closed loop: one 20 s sample per target swung its
    // p99 ratio from × 1.35 to × 3.20 between runs of the same code (a slow sync of the disk).
    // Each target's round with the median p99 stands for it, its server's loop probe with it.
    const open: Record<string, OpenResult> = {}
    const openRounds: Record<string, { result: OpenResult; loop: LoopSnapshot | null }[]> = {}
    await phase(`open loop: ${OPEN_RATE} req/s for ${scale.seconds} s, ${roundsText} (no-op, floor, Relais, bare)`, async () => {
      for (let round = 1; round <= scale.rounds; round++) {
        for (const t of targets) {
          const run = await probed(t, () => openLoop(t, { rate: OPEN_RATE, seconds: scale.seconds, onReference: onReference(t) }))
          ;(openRounds[t.name] ??= []).push(run)
          await settle(targets)
          if (t.name === 'relais') submitErrors += run.result.errors + run.result.nonExpected
          log(`  round ${round} ${t.name} p50 ${fmt(run.result.p50)} p99 ${fmt(run.result.p99)} max ${fmt(run.result.max)} ms, errors ${run.result.errors}`)
        }
      }
      for (const [name, runs] of Object.entries(openRounds)) {
        const middle = [...runs].sort((a, b) => a.result.p99 - b.result.p99)[Math.floor((runs.length - 1) / 2)]!
        open[name] = middle.result
        openLoops[name] = middle.loop
      }
    })
    const stored = await phase('check every 201 is stored; WAL size', async () => storedCheck(relaisDb, refs))
    const bareStored = bareUp === null ? null : storedCheck(bareDb, bareRefs)
    const wal = { relais: walMb(relaisDb), bare: walMb(bareDb) }
    const weight = await phase('page weight of / (first-load JS, gzip)', () => pageWeight(relais.origin, '/'))
    const floorWeight = floor ? await phase('page weight of the floor app’s empty page', () => pageWeight(floor.origin, '/')) : null
    if (bare) await stopProcess(bare)
    await stopServer(relais)

    // 3. The queue at scale: a fresh copy of the seeded database, served by a new server instance.
    const searchTerm = `Personne ${Math.floor(scale.tickets / 2).toString(36)}`
    const timings: Record<string, Timing> = {}
    const walk: { depth?: number; walkMs?: number } = {}
    const relais2 = await startRelais(relaisPort, seeded ? queueDb : relaisDb, secret, path.join(tmp, 'loop-queue.json'), profileDir && path.join(profileDir, 'queue'))
    servers.push(relais2)
    await phase('queue: sign in, then time the queue API and /admin', async () => {
      if (!adminCreated) throw new Error('no admin account (admin:create failed)')
      if (!seeded) throw new Error('no seeded queue database')
      const session = new Session(relais2.origin)
      if (!(await session.signIn(admin.email, admin.password))) throw new Error('sign-in returned no session cookie')
      const api = '/api/admin/tickets'
      const opts = { min: QUEUE_MIN, target: scale.queueN }
      const count = (body: string) => pageOf(body).items.length
      // The floor app is timed with the same client and cookies (issue 17: the no-op GET and the empty
      // page are the references of the queue queries and of /admin).
      const noop = floor ? session.at(floor.origin) : null
      const record = (t: Timing) => {
        timings[t.name] = t
        log(`  ${t.name.padEnd(13)} p50 ${fmt(t.p50)} p95 ${fmt(t.p95)} ms (n=${t.n})${t.short ? ` BELOW THE ${QUEUE_MIN} MINIMUM: ${t.short}` : ''}`)
      }
      const interleaved = async (gets: TimedGet[]) => (await timeInterleaved(session, gets, opts)).forEach(record)
      // A running server has compiled its hot paths: 10 untimed rounds over the queries first, so the
      // first query timed does not pay for the JIT warming up alone.
      const warmUps = [api, `${api}${FILTERED_QUERY}`, `${api}?q=${encodeURIComponent(searchTerm)}`, '/admin']
      for (let i = 0; i < 10; i++) {
        for (const p of warmUps) await session.fetch(p)
        for (const p of ['/api/noop', '/']) await noop?.fetch(p)
      }
      const w = await walkCursor(session, api, 50, 100)
      Object.assign(walk, { depth: w.depth, walkMs: w.walkMs })
      // The queue queries and their references, request by request: `floor` (our own no-op route,
      // same session) and the floor app's no-op GET (issue 17's reference, same client and cookies).
      const noopGet: TimedGet[] = noop ? [{ name: 'noop-get', path: '/api/noop', client: noop }] : []
      await interleaved([
        { name: 'floor', path: '/api/health' },
        ...noopGet,
        { name: 'first', path: api, check: count },
        { name: 'filtered', path: `${api}${FILTERED_QUERY}`, check: filteredRows },
        { name: 'search', path: `${api}?q=${encodeURIComponent(searchTerm)}`, check: count },
        { name: 'search-common', path: `${api}?q=503`, check: count },
        { name: 'deep', path: `${api}?cursor=${encodeURIComponent(w.cursor)}`, check: count },
      ])
      // /admin and its reference, the floor app's empty page, the same way.
      await interleaved([...(noop ? [{ name: 'noop-page', path: '/', client: noop }] : []), { name: 'admin', path: '/admin' }])
      // The dashboard (issue 16): the page itself, every figure of the period computed per request.
      const dashboardOk = (body: string) => {
        if (!body.includes('Signalements reçus')) throw new Error('the dashboard page has no chart')
        return 1
      }
      for (const p of ['30d', 'rentree']) for (let i = 0; i < 3; i++) await session.fetch(`/admin/tableau-de-bord?period=${p}`)
      // 100 of each (a dashboard page takes ~0.1 s; its targets are absolute, not a p95 ratio).
      const dashboard = async (name: string, p: string) => record(await timeGet(session, name, p, { ...opts, target: Math.min(opts.target, 100) }, dashboardOk))
      await dashboard('dashboard-30d', '/admin/tableau-de-bord?period=30d')
      await dashboard('dashboard-rentree', '/admin/tableau-de-bord?period=rentree')
      session.close()
      noop?.close()
    })
    const exported = await phase('queue export: the unfiltered CSV over HTTP, server RSS sampled (bench/export.ts)', () =>
      measureExport(relais2.origin, admin, relais2.proc.pid, queueDb),
    )
    await stopServer(relais2)
    if (floorApp) await stopProcess(floorApp)
    const explain = await phase('EXPLAIN QUERY PLAN of the queue queries (captured from lib/tickets)', async () =>
      lastJsonLine<{ queries: { label: string; sql: string; plan: string[]; flags: string[]; exactCount: boolean }[]; timings: { label: string; p50: number; p95: number; n: number }[] }>(
        await runCommand(bin('tsx'), ['--conditions=react-server', 'bench/explain-queue.ts'], {
          env: { ...process.env, DATABASE_URL: `file:${queueDb}`, BENCH_SEARCH_TERM: searchTerm, BENCH_QUICK: quick ? '1' : '', NODE_ENV: 'production' },
        }),
      ),
    )

    // 4. Classifier.
    const classifier = await phase('classifier throughput (one core)', async () =>
      lastJsonLine<{ source: string; corpus: number; avgChars: number; perSecond: number; wallPerSecond: number; perSecond300?: number; perSecond200Rules?: number; perSecond300With200Rules?: number }>(
        await runCommand(bin('tsx'), ['bench/classify-throughput.ts', String(scale.classifySeconds)]),
      ),
    )

    // 4b. A school rule's dry run over the seeded queue (issue 15 §2: ≤ 10 s at 1M tickets).
    const dryRuns = await phase('school rule dry run over the seeded queue (bench/rules-dry-run.ts)', async () =>
      (
        await runCommand(bin('tsx'), ['--conditions=react-server', 'bench/rules-dry-run.ts', queueDb], { env: { ...process.env, NODE_ENV: 'production' } })
      )
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { rule: string; tickets: number; seconds: number; cpuSeconds: number; wouldChange: number; otherReadsMaxWaitMs: number }),
    )

    // From a report's 201 to its acknowledgement reaching a local SMTP server (issue 14), through the
    // production server's own delivery worker, on a fresh database of its own.
    const mailPort = await freePort(relaisPort + 10)
    const mail = await phase('e-mail acknowledgement latency (bench/mail-latency.ts)', async () =>
      lastJsonLine<{ mailLatency: { reports: number; arrived: number; p50Ms: number; p99Ms: number; maxMs: number } }>(
        await runCommand(bin('tsx'), ['bench/mail-latency.ts', ...(quick ? ['--quick'] : [])], {
          env: { ...process.env, NEXT_DIST_DIR: distDir, BENCH_MAIL_PORT: String(mailPort) },
        }),
      ).mailLatency,
    )

    // Where one submission's time goes, in-process (no HTTP), on its own fresh database.
    const breakdown = await phase('submission breakdown in-process (zod, classify, Prisma vs raw, fsync)', async () =>
      lastJsonLine<{ steps: { step: string; n: number; cpuUs: number; wallUs: number }[] }>(
        await runCommand(bin('tsx'), ['--conditions=react-server', 'bench/submit-breakdown.ts', quick ? '100' : '300'], {
          env: { ...process.env, DATABASE_URL: `file:${breakdownDb}`, NODE_ENV: 'production' },
        }),
      ),
    )

    // Summary.
    const ratios = (other: string) =>
      closed.relais!.map((r, i) => (closed[other]![i] ? r.rps / closed[other]![i]!.rps : NaN)).filter((x) => Number.isFinite(x))
    const p99Ratios = (other: string) =>
      closed.relais!.map((r, i) => (closed[other]![i]?.p99 ? r.p99 / closed[other]![i]!.p99 : NaN)).filter((x) => Number.isFinite(x))
    const cpuOf = (k: string) => closed[k]!.map((r, i) => cpuPerRequest(loops[k]![i], r.requests))
    const cpuRatios = cpuOf('relais')
      .map((c, i) => (c !== null && cpuOf('noop')[i] ? c / cpuOf('noop')[i]! : NaN))
      .filter((x) => Number.isFinite(x))
    const maxRss = Math.max(...rssMax)
    const summary: Summary = {
      submit_rps: median(closed.relais!.map((r) => r.rps)),
      floor_rps: median(closed.floor!.map((r) => r.rps)),
      bare_rps: median(closed.bare!.map((r) => r.rps)),
      ratio_floor: median(ratios('floor')),
      ratio_bare: median(ratios('bare')),
      submit_p99_ms: median(closed.relais!.map((r) => r.p99)),
      open_p99_ms: open.relais?.p99 ?? null,
      errors: closed.relais!.length ? submitErrors : null,
      stored_ok: stored?.ok ?? null,
      wal_mb: stored ? wal.relais : null,
      queue_p95_ms: {
        first: timings.first?.p95 ?? null,
        filtered: timings.filtered?.p95 ?? null,
        search: timings.search?.p95 ?? null,
        deep: timings.deep?.p95 ?? null,
      },
      admin_page_ms: timings.admin?.p95 ?? null,
      dashboard_p95_ms: { days30: timings['dashboard-30d']?.p95 ?? null, rentree: timings['dashboard-rentree']?.p95 ?? null },
      mail_ack_ms: { p50: mail?.p50Ms ?? null, p99: mail?.p99Ms ?? null },
      classify_per_s: classifier?.perSecond ?? null,
      form_js_gz_kb: weight?.gzipKb ?? null,
      max_rss_mb: Number.isFinite(maxRss) ? maxRss : null,
      ...exportSummary(exported),
      noop_post_rps: median(closed.noop!.map((r) => r.rps)),
      noop_post_p99_ms: median(closed.noop!.map((r) => r.p99)),
      noop_get_p95_ms: timings['noop-get']?.p95 ?? null,
      noop_page_js_gz_kb: floorWeight?.gzipKb ?? null,
      ratio_noop: median(ratios('noop')),
      p99_ratio_noop: median(p99Ratios('noop')),
      noop_pages_post_rps: median(closed['noop-pages']!.map((r) => r.rps)),
      ratio_noop_pages: median(ratios('noop-pages')),
      eventloop_p99_ms: median(loops.relais!.filter(Boolean).map((l) => l.loop.p99Ms)),
      cpu_ms_per_report: median(cpuOf('relais').filter((c): c is number => c !== null)),
      cpu_ms_per_noop_post: median(cpuOf('noop').filter((c): c is number => c !== null)),
    }
    const flagged = explain?.queries.filter((q) => q.flags.length) ?? []
    const exactCount = explain ? explain.queries.some((q) => q.exactCount) : null
    const queueTimings = Object.values(timings)
    const shortQueries = queueTimings.filter((t) => t.short)
    const checks = checkTargets(summary, exactCount, explain ? flagged.length === 0 : null, queueTimings.length ? shortQueries.length === 0 : null, {
      openP99: open.noop?.p99 ?? null,
      pageP95: timings['noop-page']?.p95 ?? null,
    })
    checks.push(...exportTargets(summary))
    for (const t of shortQueries) notes.push(`queue ${t.name}: only ${t.n} timed requests, BELOW THE ${QUEUE_MIN} MINIMUM (${t.short})`)

    const ofRounds = scale.rounds === 1 ? 'one round only' : 'median of rounds'
    const rows: [string, string][] = [
      [
        'mode',
        `${quick ? 'quick' : 'full'}: ${scale.seconds} s loads, ${CONNECTIONS} connections, ${scale.rounds === 1 ? 'ONE round (ratios are that round, not a median of 3)' : `${scale.rounds} interleaved rounds`}, ${scale.tickets.toLocaleString('en')} tickets, ${scale.queueN} timed requests per queue query${profile ? ', --cpu-prof ON (numbers slower)' : ''}`,
      ],
      ['build', built.rebuilt ? `next build → ${distDir} in ${built.seconds.toFixed(0)} s` : `${distDir} built ${hhmm(built.builtAt)} UTC, newer than every source: not rebuilt`],
      ['floor app', `bench/floor-app under next start (same next package)${floorBuilt.rebuilt ? `, built in ${floorBuilt.seconds.toFixed(0)} s` : ', build up to date'}`],
      ['Relais server', `${args.includes('--next-start') ? 'next start' : 'scripts/server.mjs'}, node ${relaisNodeFlags().join(' ') || '(no flags)'}`],
      ['databases', `${describeTemplate(migrated, 'migrated schema')}; setup (admin, seed, both servers, in parallel) ${setupSeconds.toFixed(1)} s`],
      ...(['noop', 'noop-pages', 'floor', 'relais', 'bare'] as const).map((k): [string, string] => [
        `closed ${k}`,
        closed[k]!.map((r) => `${r.rps.toFixed(0)}/s p50 ${r.p50} p90 ${r.p90} p99 ${r.p99} ms err ${r.errors + r.non201}`).join(' | ') || 'n/a',
      ]),
      [`Relais ÷ no-op POST (${ofRounds})`, `${fmt(summary.ratio_noop, 2)}  [${ratios('noop').map((x) => x.toFixed(2)).join(', ')}]`],
      [`Relais ÷ Pages Router no-op POST (${ofRounds})`, `${fmt(summary.ratio_noop_pages, 2)}  [${ratios('noop-pages').map((x) => x.toFixed(2)).join(', ')}]`],
      [`Relais p99 ÷ no-op POST p99 (${ofRounds})`, `${fmt(summary.p99_ratio_noop, 2)}  [${p99Ratios('noop').map((x) => x.toFixed(2)).join(', ')}]`],
      ...(['relais', 'noop'] as const).flatMap((k) => loops[k]!.map((l, i): [string, string] => [`${k === 'relais' ? 'Relais' : 'no-op'} server, closed round ${i + 1}`, describeLoop(l, closed[k]![i]?.requests)])),
      [`CPU per request, Relais ÷ no-op POST (${ofRounds})`, `${fmt(median(cpuRatios), 2)}  [${cpuRatios.map((x) => x.toFixed(2)).join(', ')}] (server CPU time: what a request costs, whatever else runs on the machine)`],
      [`Relais ÷ floor (${ofRounds})`, `${fmt(summary.ratio_floor, 2)}  [${ratios('floor').map((x) => x.toFixed(2)).join(', ')}]`],
      [`Relais ÷ bare (${ofRounds})`, `${fmt(summary.ratio_bare, 3)}  [${ratios('bare').map((x) => x.toFixed(3)).join(', ')}]`],
      ...Object.values(open).map((o): [string, string] => [`open ${o.target} @${o.rate}/s`, `p50 ${fmt(o.p50)} p90 ${fmt(o.p90)} p99 ${fmt(o.p99)} max ${fmt(o.max)} ms, sent ${o.sent}, errors ${o.errors}, non-201 ${o.nonExpected}`]),
      ['open Relais p99 ÷ no-op p99', open.relais && open.noop ? fmt(open.relais.p99 / open.noop.p99, 2) : 'n/a'],
      ...Object.entries(openRounds).map(([name, runs]): [string, string] => [`open ${name} p99 by round`, runs.map((r) => fmt(r.result.p99)).join(', ')]),
      ...(['relais', 'noop'] as const).map((k): [string, string] => [`${k === 'relais' ? 'Relais' : 'no-op'} server, open loop`, describeLoop(openLoops[k], open[k]?.sent)]),
      ['submission errors (all Relais loads)', String(summary.errors ?? 'n/a')],
      ['201s stored (Relais)', stored ? `${stored.stored}/${stored.answered201} (${stored.rows} rows)` : 'n/a'],
      ['201s stored (bare)', bareStored ? `${bareStored.stored}/${bareStored.answered201}` : 'n/a'],
      ['WAL after submissions', `Relais ${fmt(wal.relais)} MB, bare ${fmt(wal.bare)} MB`],
      ['seed', describeTemplate(seeded, `${scale.tickets.toLocaleString('en')} tickets`)],
      ...queueTimings.map((t): [string, string] => [
        `queue ${t.name}`,
        `p50 ${fmt(t.p50)} p95 ${fmt(t.p95)} max ${fmt(t.max)} ms (n=${t.n}${t.rows === undefined ? '' : `, ${t.rows} rows`})${t.short ? ` — BELOW THE ${QUEUE_MIN} MINIMUM: ${t.short}` : ''}`,
      ]),
      ...exportRows(exported),
      ['queue p95 ÷ no-op GET p95', (['first', 'filtered', 'search', 'deep'] as const).map((k) => `${k} ${timings[k] && timings['noop-get'] ? fmt(timings[k]!.p95 / timings['noop-get']!.p95, 2) : 'n/a'}`).join(', ')],
      ['/admin p95 ÷ empty page p95', timings.admin && timings['noop-page'] ? fmt(timings.admin.p95 / timings['noop-page'].p95, 2) : 'n/a'],
      ['cursor walk (50 pages × 100)', walk.depth ? `${walk.depth} tickets in ${fmt(walk.walkMs, 0)} ms` : 'n/a'],
      ...(explain?.timings ?? []).map((t): [string, string] => [`in-process ${t.label}`, `p50 ${fmt(t.p50, 2)} p95 ${fmt(t.p95, 2)} ms (lib call, no HTTP)`]),
      ...(breakdown?.steps ?? []).map((b): [string, string] => [`per report: ${b.step}`, `${fmt(b.cpuUs / 1000, 3)} ms CPU, ${fmt(b.wallUs / 1000, 3)} ms wall (n=${b.n})`]),
      ['201 → acknowledgement at SMTP', mail ? `p50 ${fmt(mail.p50Ms)} p99 ${fmt(mail.p99Ms)} max ${fmt(mail.maxMs)} ms (${mail.arrived} of ${mail.reports} arrived)` : 'n/a'],
      ['classifier (CPU time, one core)', classifier ? `${classifier.perSecond.toFixed(0)} msg/s (wall ${classifier.wallPerSecond.toFixed(0)}/s) on ${classifier.corpus} messages, avg ${classifier.avgChars} chars, from ${classifier.source}${classifier.perSecond300 ? `; ${classifier.perSecond300.toFixed(0)}/s on 300-char messages` : ''}` : 'n/a'],
      ['classifier with 200 school rules', classifier?.perSecond200Rules ? `${classifier.perSecond200Rules.toFixed(0)} msg/s${classifier.perSecond300With200Rules ? `; ${classifier.perSecond300With200Rules.toFixed(0)}/s on 300-char messages` : ''}` : 'n/a'],
      ...(dryRuns ?? []).map((d): [string, string] => [`dry run « ${d.rule} »`, `${d.tickets} tickets in ${fmt(d.seconds, 2)} s (${fmt(d.cpuSeconds, 2)} s CPU), ${d.wouldChange} would change; other reads waited ≤ ${fmt(d.otherReadsMaxWaitMs, 1)} ms`]),
      ['first-load JS of /', weight ? `${fmt(weight.gzipKb)} kB gzip, of which ${fmt(weight.sharedGzipKb)} kB also loaded by a 404 page (framework + root layout) (${fmt(weight.rawKb)} kB raw, ${weight.scripts} scripts; largest ${weight.largest.slice(0, 3).map((l) => `${path.basename(l.src)} ${fmt(l.gzipKb)} kB`).join(', ')})` : 'n/a'],
      ['first-load JS of the empty page', floorWeight ? `${fmt(floorWeight.gzipKb)} kB gzip (${floorWeight.scripts} scripts); the form page: +${fmt(weight ? weight.gzipKb - floorWeight.gzipKb : null)} kB` : 'n/a'],
      ['max server RSS (tree)', `${fmt(summary.max_rss_mb)} MB (${rssLabels.join(', ')})`],
      ['load average (1, 5, 15 min; 2 cores)', `at start ${loadAtStart}, at end ${loadAvg()}`],
      ['total time', `${((performance.now() - t0) / 1000).toFixed(0)} s${built.rebuilt ? ` (${((performance.now() - t0) / 1000 - built.seconds).toFixed(0)} s without the build)` : ''}`],
    ]
    const planLines = (explain?.queries ?? []).map((q) => `- ${q.label}${q.flags.length ? ' **' + q.flags.join('; ') + '**' : ''}: ${q.plan.join(' / ')}\n  \`${q.sql.slice(0, 400)}\``)
    const checkLines = checks.map(([name, pass, detail]) => `${pass ? 'PASS' : 'MISS'}  ${name}${detail ? `  (${detail})` : ''}`)
    const text = [table(rows), '', 'Targets:', ...checkLines, '', 'Query plans:', ...planLines, ...(notes.length ? ['', 'Notes:', ...notes] : [])].join('\n')
    let profiles = ''
    if (profileDir && fs.existsSync(profileDir)) {
      for (const sub of fs.readdirSync(profileDir)) {
        const dir = path.join(profileDir, sub)
        for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.cpuprofile'))) profiles += `\n[${sub}] ` + formatSummary(summarise(path.join(dir, f), 20)) + '\n'
      }
      fs.cpSync(profileDir, path.join(root, 'bench', '.tmp', 'last-profiles'), { recursive: true })
    }
    if (!quick || args.includes('--record')) {
      appendResults(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${quick ? 'quick' : 'full'} run`, `- commit: ${commit()}\n- machine: ${machine()}\n\n\`\`\`\n${text}\n\`\`\`\n\n\`${JSON.stringify(summary)}\``)
    }
    console.log(text + (profiles ? `\n\nCPU profiles (also in bench/.tmp/last-profiles):${profiles}` : ''))
    console.log(JSON.stringify(summary))
  } finally {
    if (bare) await stopProcess(bare)
    if (floorApp) await stopProcess(floorApp)
    for (const s of [...servers]) await stopServer(s)
    if (!args.includes('--keep')) fs.rmSync(tmp, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
