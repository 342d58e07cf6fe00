import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// Starts the real production server (scripts/start.mjs: migrations, build when stale, node:http
// wrapper) on a fresh database, and restarts it on the same database (scripts/server.mjs, no rebuild).
// The build goes to NEXT_DIST_DIR (default .next-e2e, the end-to-end suite's folder, so `npm test`
// builds once for both suites).

export const root = path.resolve(__dirname, '../../..')
const distDir = process.env.NEXT_DIST_DIR || '.next-e2e'

export interface ServerHandle {
  port: number
  url: string
  dbFile: string
  child: ChildProcess
  /** Everything the process wrote to stdout and stderr. */
  log: () => string
  exited: Promise<number | null>
}

export function freshDatabase(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-security-'))
  return path.join(dir, 'server.db')
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('server did not become healthy in time')
}

/**
 * Several test files start the production server in parallel: the first one to get this lock runs
 * start.mjs (which builds when the build is stale) until the server is healthy; the others wait, then
 * find a fresh build. Without it, two `next build` would write the same folder at once.
 */
const buildLock = path.join(os.tmpdir(), `relais-build-${crypto.createHash('sha256').update(root + distDir).digest('hex').slice(0, 12)}.lock`)

async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      fs.writeFileSync(buildLock, String(process.pid), { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      // A run killed while holding the lock leaves it behind: a build never takes this long.
      const held = fs.statSync(buildLock, { throwIfNoEntry: false })
      if (held && Date.now() - held.mtimeMs > 600_000) fs.rmSync(buildLock, { force: true })
      await new Promise((r) => setTimeout(r, 500))
    }
  }
  try {
    return await fn()
  } finally {
    fs.rmSync(buildLock, { force: true })
  }
}

export async function startServer(opts: {
  port: number
  dbFile: string
  /** false: scripts/server.mjs directly (restart on an existing, migrated database; no build check). */
  full?: boolean
  env?: Record<string, string>
}): Promise<ServerHandle> {
  const url = `http://localhost:${opts.port}`
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(opts.port),
    DATABASE_URL: `file:${opts.dbFile}`,
    NEXT_DIST_DIR: distDir,
    NEXTAUTH_SECRET: 'security-suite-secret-0123456789abcdef',
    NEXTAUTH_URL: url,
    // Generous by default: the burst tests send hundreds of reports from one address.
    RATE_LIMIT_REPORTS_PER_MIN: '100000',
    ...opts.env,
  }
  // start.mjs builds when stale and sets NODE_ENV itself (vitest's NODE_ENV=test must not leak into the build).
  const script = opts.full === false ? 'scripts/server.mjs' : 'scripts/start.mjs'
  if (opts.full !== false) delete env.NODE_ENV
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key]
  const start = async () => {
    const child = spawn(process.execPath, [script], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      await waitForHealth(url, child, opts.full === false ? 30_000 : 280_000)
    } catch (error) {
      child.kill('SIGKILL')
      throw new Error(`${(error as Error).message}\n${output.slice(-4000)}`)
    }
    return { port: opts.port, url, dbFile: opts.dbFile, child, log: () => output, exited }
  }
  return opts.full === false ? start() : withBuildLock(start)
}

export function removeDatabase(dbFile: string) {
  fs.rmSync(path.dirname(dbFile), { recursive: true, force: true })
}
