import { spawn, type ChildProcess } from 'node:child_process'
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
 * Test files run in parallel: only one may run start.mjs (which builds when stale) at a time, or two
 * builds would write the same folder. A lock directory, taken over when its owner process is gone.
 */
async function withStartLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = path.join(root, 'tests', '.tmp', `start-lock-${distDir.replace(/\W/g, '')}`)
  fs.mkdirSync(path.dirname(lock), { recursive: true })
  for (;;) {
    try {
      fs.mkdirSync(lock)
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid))
      break
    } catch {
      const owner = Number(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0)
      let alive = owner > 0
      try {
        if (alive) process.kill(owner, 0)
      } catch {
        alive = false
      }
      if (!alive) fs.rmSync(lock, { recursive: true, force: true })
      else await new Promise((r) => setTimeout(r, 500))
    }
  }
  try {
    return await fn()
  } finally {
    fs.rmSync(lock, { recursive: true, force: true })
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
    // A test file's database: its SQLite file, or on PostgreSQL its database URL as is.
    DATABASE_URL: /^postgres(ql)?:\/\//.test(opts.dbFile) ? opts.dbFile : `file:${opts.dbFile}`,
    NEXT_DIST_DIR: distDir,
    NEXTAUTH_SECRET: 'security-suite-secret-0123456789abcdef',
    NEXTAUTH_URL: url,
    // Generous by default: the burst tests send hundreds of reports from one address, at once.
    RATE_LIMIT_REPORTS_PER_MIN: '100000',
    MAX_CONNECTIONS_PER_ADDRESS: '100000',
    ...opts.env,
  }
  if (opts.full !== false) return withStartLock(() => spawnServer(url, opts, env))
  return spawnServer(url, opts, env)
}

async function spawnServer(url: string, opts: { port: number; dbFile: string; full?: boolean }, env: Record<string, string | undefined>): Promise<ServerHandle> {
  const script = opts.full === false ? 'scripts/server.mjs' : 'scripts/start.mjs'
  // start.mjs builds when stale and sets NODE_ENV itself (vitest's NODE_ENV=test must not leak into the build).
  if (opts.full !== false) delete env.NODE_ENV
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key]
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

/** Stops a server started by `startServer` unless it already exited (a test may have stopped it). */
export async function stopServer(server: ServerHandle | undefined, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (!server) return
  if (server.child.exitCode === null) server.child.kill(signal)
  await server.exited
}

export function removeDatabase(dbFile: string) {
  fs.rmSync(path.dirname(dbFile), { recursive: true, force: true })
}

/** Signs in through next-auth's credentials flow over HTTP; the session cookie it hands out. */
export async function signIn(url: string, email: string, password: string) {
  const csrf = await fetch(`${url}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie, origin: url },
    body: new URLSearchParams({ email, password, csrfToken, json: 'true' }),
  })
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token=')) ?? ''
  if (!setCookie) throw new Error(`sign-in failed: ${res.status}`)
  const value = setCookie.split(';')[0]!.split('=').slice(1).join('=')
  return { setCookie, value, header: `next-auth.session-token=${value}` }
}
