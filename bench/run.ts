// `npm run bench [-- --quick] [-- --profile] [-- --rebuild] [-- --keep] [-- --record] [-- --next-start] [-- --no-heap-cap] [-- --rounds N] [-- --db postgresql]`
// Issue 6: submission throughput against its two limits (framework floor, bare stack), open-loop
// latency; issue 17: the framework floor is a separate no-op Next app (bench/floor.ts), and the
// servers' event-loop delay and GC pauses are read during each load (bench/loop-probe.mjs); the
// admin queue at 1,000,000 tickets, classifier throughput and page weight, all against the
// production build on a fresh database. Progress goes to stderr; the table then, as the LAST line
// of stdout, one JSON object. The phases live in their own modules; this file orders them. See
// bench/README.md.

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { childPhases } from './child-phases'
import { measureExport } from './export'
import { buildFloor, startFloor } from './floor'
import { CONNECTIONS, OPEN_RATE, loadAvg, log, phase, scaleOf, type Scale } from './harness'
import type { Target } from './load'
import { pageWeight } from './page-weight'
import { runPostgresBench } from './postgres'
import { bin, freePort, root, runCommand, startProcess, stopProcess, waitForHttp, type Started } from './procs'
import { formatSummary, summarise } from './profile-summary'
import { queueRun, searchTermOf, type QueueRun } from './queue-run'
import { build, copyAdmin, distDir, relaisNodeFlags, startRelais, storedCheck, walMb, type Server, type ServerOptions } from './relais-server'
import { appendResults, commit, fmt, machine } from './report'
import { describeTemplate, sqliteSummary, sqliteText, type SqliteRun } from './sqlite-report'
import { closedLoops, openLoops, roundsText, submissionRun, type Probes } from './submission'
import { copyTemplate, migratedTemplate, seededTemplate } from './templates'

const args = process.argv.slice(2)
// `--db postgresql` (issue 18): bench/postgres.ts runs the PostgreSQL phases instead (see main).
const dbFlag = args.includes('--db') ? args[args.indexOf('--db') + 1] : 'sqlite'
if (dbFlag !== 'sqlite' && dbFlag !== 'postgresql') throw new Error(`--db sqlite|postgresql, not ${dbFlag}`)
const quick = args.includes('--quick')
const profile = args.includes('--profile')
const scale: Scale = scaleOf(quick)
// --rounds N: that many interleaved rounds (e.g. a quick run with medians of 3 on a busy machine).
const roundsArg = Number(args[args.indexOf('--rounds') + 1])
if (args.includes('--rounds') && Number.isInteger(roundsArg) && roundsArg > 0) scale.rounds = roundsArg
const serverOptions: ServerOptions = { nextStart: args.includes('--next-start'), noHeapCap: args.includes('--no-heap-cap') }

/** The run's temporary folder and its databases (copies of templates), its secrets and ports. */
async function workspace() {
  const tmp = path.join(root, 'bench', '.tmp', `run-${Date.now()}`)
  fs.mkdirSync(tmp, { recursive: true })
  const relaisPort = await freePort(3200)
  const barePort = await freePort(relaisPort + 1)
  return {
    tmp,
    db: { relais: path.join(tmp, 'relais.db'), bare: path.join(tmp, 'bare.db'), queue: path.join(tmp, 'queue.db'), breakdown: path.join(tmp, 'breakdown.db') },
    profileDir: profile ? path.join(tmp, 'profiles') : undefined,
    secret: crypto.randomBytes(32).toString('base64url'),
    admin: { email: 'bench-admin@relais.test', password: crypto.randomBytes(18).toString('base64url') },
    ports: { relais: relaisPort, bare: barePort, floor: await freePort(barePort + 1), mail: await freePort(relaisPort + 10) },
  }
}
type Workspace = Awaited<ReturnType<typeof workspace>>

/** Every process the run starts, stopped in `finally` whatever happened. */
class Processes {
  bare: Started | null = null
  floor: Started | null = null
  servers: Server[] = []
  rss = { maxMb: [] as number[], labels: [] as string[] }

  async stopServer(s: Server) {
    this.rss.maxMb.push(s.rss.stop())
    this.rss.labels.push(`${this.rss.maxMb.length === 1 ? 'submission' : 'queue'} server ${fmt(this.rss.maxMb.at(-1))} MB`)
    await stopProcess(s.proc)
    this.servers.splice(this.servers.indexOf(s), 1)
  }

  async stopAll() {
    if (this.bare) await stopProcess(this.bare)
    if (this.floor) await stopProcess(this.floor)
    for (const s of [...this.servers]) await this.stopServer(s)
  }
}

/**
 * Setup, nothing measured yet: the admin account, the seeded queue database and the three servers
 * are prepared at the same time; every measurement starts once all of them are ready.
 */
async function setup(ws: Workspace, procs: Processes) {
  const migrated = await migratedTemplate()
  log(`  ${describeTemplate(migrated, 'migrated schema')}`)
  for (const file of [ws.db.relais, ws.db.bare, ws.db.breakdown]) copyTemplate(migrated, file)
  const t0 = performance.now()
  const bareOrigin = `http://127.0.0.1:${ws.ports.bare}`
  procs.bare = startProcess(bin('tsx'), ['--conditions=react-server', 'bench/baseline-server.ts'], {
    env: { ...process.env, PORT: String(ws.ports.bare), DATABASE_URL: `file:${ws.db.bare}`, NODE_ENV: 'production' },
  })
  log(`setup: admin account, ${scale.tickets.toLocaleString('en')}-ticket queue database, Relais, bare and floor servers`)
  const { admin } = ws
  const [adminCreated, seeded, relais, bareUp, floor] = await Promise.all([
    phase('create the admin (npm run admin:create)', () =>
      runCommand('npm', ['run', '--silent', 'admin:create', '--', '--email', admin.email, '--password', admin.password, '--role', 'ADMIN'], {
        env: { ...process.env, DATABASE_URL: `file:${ws.db.relais}` },
      }),
    ),
    phase(`seed ${scale.tickets.toLocaleString('en')} tickets (bench/seed-queue.ts)`, () => seededTemplate(migrated, scale.tickets)),
    startRelais({ ...serverOptions, port: ws.ports.relais, dbFile: ws.db.relais, secret: ws.secret, loopFile: path.join(ws.tmp, 'loop-relais.json'), profileDir: ws.profileDir && path.join(ws.profileDir, 'submit') }),
    phase('start the bare stack (bench/baseline-server.ts)', () => waitForHttp(`${bareOrigin}/`, procs.bare!)),
    phase('start the floor app (next start bench/floor-app)', async () => {
      const f = await startFloor(ws.ports.floor, path.join(ws.tmp, 'loop-floor.json'))
      procs.floor = f.proc
      return { ...f, loopFile: path.join(ws.tmp, 'loop-floor.json') }
    }),
  ])
  procs.servers.push(relais)
  if (seeded) {
    log(`  ${describeTemplate(seeded, `${scale.tickets.toLocaleString('en')} tickets`)}`)
    copyTemplate(seeded, ws.db.queue)
    if (adminCreated !== null) copyAdmin(ws.db.relais, ws.db.queue, admin.email)
  }
  return { migrated, seeded, adminCreated: adminCreated !== null, relais, bareOrigin: bareUp === null ? null : bareOrigin, floor, setupSeconds: (performance.now() - t0) / 1000 }
}

/**
 * The loads' targets. `noop` is the floor app's no-op POST (issue 17's reference); `noop-pages` the
 * same no-op as a Pages Router API route (how Relais serves POST /api/reports: the like-for-like
 * floor, reported beside it); `floor` keeps issue 6's no-op route of the Relais build itself.
 */
function targetsOf(relais: Server, bareOrigin: string | null, floor: { origin: string; proc: Started; loopFile: string } | null): { targets: Target[]; probes: Probes } {
  const targets: Target[] = [
    ...(floor === null
      ? []
      : [
          { name: 'noop', origin: floor.origin, method: 'POST' as const, path: '/api/noop', probe: '/api/noop' },
          { name: 'noop-pages', origin: floor.origin, method: 'POST' as const, path: '/api/pages-noop', probe: '/api/noop' },
        ]),
    { name: 'floor', origin: relais.origin, method: 'GET', path: '/api/health' },
    { name: 'relais', origin: relais.origin, method: 'POST', path: '/api/reports' },
    ...(bareOrigin === null ? [] : [{ name: 'bare', origin: bareOrigin, method: 'POST' as const, path: '/api/reports' }]),
  ]
  const probes: Probes = {
    relais: { pid: relais.proc.pid, file: relais.loopFile },
    floor: { pid: relais.proc.pid, file: relais.loopFile },
    ...(floor ? { noop: { pid: floor.proc.pid, file: floor.loopFile } } : {}),
  }
  return { targets, probes }
}

/** The CPU profiles' summaries (--profile), the profiles kept in bench/.tmp/last-profiles. */
function profileSummaries(profileDir: string | undefined): string {
  if (!profileDir || !fs.existsSync(profileDir)) return ''
  let out = ''
  for (const sub of fs.readdirSync(profileDir)) {
    const dir = path.join(profileDir, sub)
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.cpuprofile'))) out += `\n[${sub}] ` + formatSummary(summarise(path.join(dir, f), 20)) + '\n'
  }
  fs.cpSync(profileDir, path.join(root, 'bench', '.tmp', 'last-profiles'), { recursive: true })
  return out
}

async function main() {
  if (dbFlag === 'postgresql') return runPostgresBench({ quick, record: args.includes('--record'), distDir, build: () => build(args.includes('--rebuild')) })
  const startedAt = performance.now()
  const loadAtStart = loadAvg()
  const ws = await workspace()
  const procs = new Processes()
  try {
    const built = await build(args.includes('--rebuild'))
    const floorBuilt = await buildFloor(args.includes('--rebuild'), log)
    log(`fresh databases in ${path.relative(root, ws.tmp)} (copies of templates in bench/.tmp/cache)`)
    const s = await setup(ws, procs)

    // 1–2. Submission against its limits, interleaved rounds: the closed loop, then the open loop.
    const { targets, probes } = targetsOf(s.relais, s.bareOrigin, s.floor)
    const sub = submissionRun()
    await phase(`closed loop: ${roundsText(scale)} × (no-op, floor, Relais, bare), ${CONNECTIONS} connections, ${scale.seconds} s each`, () => closedLoops(targets, probes, scale, sub))
    await phase(`open loop: ${OPEN_RATE} req/s for ${scale.seconds} s, ${roundsText(scale)} (no-op, floor, Relais, bare)`, () => openLoops(targets, probes, scale, sub))
    const stored = await phase('check every 201 is stored; WAL size', async () => storedCheck(ws.db.relais, sub.refs))
    const bareStored = s.bareOrigin === null ? null : storedCheck(ws.db.bare, sub.bareRefs)
    const wal = { relais: walMb(ws.db.relais), bare: walMb(ws.db.bare) }
    const weight = await phase('page weight of / (first-load JS, gzip)', () => pageWeight(s.relais.origin, '/'))
    const floorWeight = s.floor ? await phase('page weight of the floor app’s empty page', () => pageWeight(s.floor!.origin, '/')) : null
    if (procs.bare) await stopProcess(procs.bare)
    await procs.stopServer(s.relais)

    // 3. The queue at scale: a fresh copy of the seeded database, served by a new server instance.
    const queue: QueueRun = { timings: {}, walk: {} }
    const relais2 = await startRelais({ ...serverOptions, port: ws.ports.relais, dbFile: s.seeded ? ws.db.queue : ws.db.relais, secret: ws.secret, loopFile: path.join(ws.tmp, 'loop-queue.json'), profileDir: ws.profileDir && path.join(ws.profileDir, 'queue') })
    procs.servers.push(relais2)
    await phase('queue: sign in, then time the queue API and /admin', async () => {
      if (!s.adminCreated) throw new Error('no admin account (admin:create failed)')
      if (!s.seeded) throw new Error('no seeded queue database')
      await queueRun(relais2.origin, s.floor?.origin ?? null, ws.admin, scale, queue)
    })
    const exported = await phase('queue export: the unfiltered CSV over HTTP, server RSS sampled (bench/export.ts)', () => measureExport(relais2.origin, ws.admin, relais2.proc.pid, ws.db.queue))
    await procs.stopServer(relais2)
    if (procs.floor) await stopProcess(procs.floor)

    // 4. What helper scripts measure in processes of their own.
    const children = await childPhases({ quick, queueDb: ws.db.queue, breakdownDb: ws.db.breakdown, searchTerm: searchTermOf(scale), classifySeconds: scale.classifySeconds, distDir, mailPort: ws.ports.mail })

    const server = { nextStart: serverOptions.nextStart, nodeFlags: relaisNodeFlags(serverOptions) }
    const { migrated, seeded, setupSeconds } = s
    const run: SqliteRun = { quick, profile, scale, server, built, floorBuilt, migrated, seeded, setupSeconds, sub, stored, bareStored, wal, weight, floorWeight, queue, exported, children, rss: procs.rss, loadAtStart, startedAt }
    const summary = sqliteSummary(run)
    const text = sqliteText(run, summary)
    if (!quick || args.includes('--record')) {
      appendResults(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${quick ? 'quick' : 'full'} run`, `- commit: ${commit()}\n- machine: ${machine()}\n\n\`\`\`\n${text}\n\`\`\`\n\n\`${JSON.stringify(summary)}\``)
    }
    const profiles = profileSummaries(ws.profileDir)
    console.log(text + (profiles ? `\n\nCPU profiles (also in bench/.tmp/last-profiles):${profiles}` : ''))
    console.log(JSON.stringify(summary))
  } finally {
    await procs.stopAll()
    if (!args.includes('--keep')) fs.rmSync(ws.tmp, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
