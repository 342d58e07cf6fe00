// The Relais production build and server of the SQLite run: `next build` into its own folder, the
// server started as `npm start` starts it (its node flags, scripts/server.mjs) with the bench's
// event-loop probe, and the reads of its database file once it is stopped.

import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { probeFlags } from './floor'
import { log } from './harness'
import { appServerEnv, bin, root, runCommand, sampleRss, startNodeFlags, startProcess, waitForHttp, type Started } from './procs'
import { buildIsStale } from '../scripts/build-sources.mjs'

export const distDir = '.next-bench'

export interface BuildInfo {
  rebuilt: boolean
  seconds: number
  builtAt: number
}

/** `next build` into .next-bench unless that build is newer than every source; reverts tsconfig.json. */
export async function build(force: boolean): Promise<BuildInfo> {
  const buildId = path.join(root, distDir, 'BUILD_ID')
  if (!buildIsStale(root, distDir) && !force) {
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

export interface ServerOptions {
  /** Plain `next start` instead of the production entry (`--next-start`). */
  nextStart: boolean
  /** Without `npm start`'s heap limit (`--no-heap-cap`), to see what it costs in GC and p99. */
  noHeapCap: boolean
}

/** The node flags of `npm start`, less its heap limit under --no-heap-cap. */
export const relaisNodeFlags = (o: ServerOptions) => startNodeFlags().filter((f) => !(o.noHeapCap && f.startsWith('--max-old-space-size')))

export interface Server {
  proc: Started
  origin: string
  rss: ReturnType<typeof sampleRss>
  /** Where the server's event-loop probe writes (bench/loop-probe.mjs). */
  loopFile: string
}

export async function startRelais(o: ServerOptions & { port: number; dbFile: string; secret: string; loopFile: string; profileDir?: string }): Promise<Server> {
  const origin = `http://127.0.0.1:${o.port}`
  const probe = probeFlags(o.loopFile)
  const env = { ...appServerEnv({ port: o.port, distDir, databaseUrl: `file:${o.dbFile}`, secret: o.secret, publicOrigin: origin }), ...probe.env }
  // The production entry (scripts/server.mjs wraps Next in node:http); plain `next start` on request.
  // --cpu-prof is refused in NODE_OPTIONS, so it goes on the node command line.
  const wrapper = path.join(root, 'scripts', 'server.mjs')
  const entry = o.nextStart || !fs.existsSync(wrapper) ? [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(o.port)] : [wrapper]
  const nodeFlags = [...relaisNodeFlags(o), ...probe.flags, ...(o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`] : [])]
  const proc = startProcess(process.execPath, [...nodeFlags, ...entry], { env })
  const rss = sampleRss(proc.pid)
  await waitForHttp(`${origin}/api/health`, proc)
  return { proc, origin, rss, loopFile: o.loopFile }
}

/** Copies the admin account made by `npm run admin:create` on one database into another. */
export function copyAdmin(from: string, to: string, email: string) {
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

export interface StoredCheck {
  answered201: number
  stored: number
  rows: number
  ok: boolean
}

/** Every reference answered with a 201 is a row of the database file. */
export function storedCheck(dbFile: string, refs: string[]): StoredCheck {
  const sqlite = new Database(dbFile, { readonly: true })
  try {
    const stored = new Set((sqlite.prepare(`SELECT "reference" FROM "Ticket"`).raw().all() as [string][]).map((r) => r[0]))
    const missing = refs.filter((r) => !stored.has(r))
    return { answered201: refs.length, stored: refs.length - missing.length, rows: stored.size, ok: missing.length === 0 && refs.length > 0 }
  } finally {
    sqlite.close()
  }
}

export const walMb = (dbFile: string) => (fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size / 2 ** 20 : 0)
