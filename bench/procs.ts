// Child processes of the bench: each runs in its own process group so that stopping it also stops
// whatever it spawned (next start forks). Everything started here is stopped on exit, even on failure.

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

export const root = path.resolve(import.meta.dirname, '..')
export const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)

const started = new Set<ChildProcess>()

export interface Started {
  child: ChildProcess
  pid: number
  output: () => string
  exited: Promise<number | null>
}

/** Starts a long-running process in its own group; its output is kept (last 64 kB) for diagnosis. */
export function startProcess(cmd: string, args: string[], opts: SpawnOptions & { echo?: boolean } = {}): Started {
  const child = spawn(cmd, args, { cwd: root, ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  if (!child.pid) throw new Error(`could not start ${cmd}`)
  started.add(child)
  let out = ''
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-65536)
    if (opts.echo) process.stderr.write(b)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      started.delete(child)
      resolve(code)
    }),
  )
  return { child, pid: child.pid, output: () => out, exited }
}

/**
 * The node flags `npm start` gives the server (package.json `scripts.start`), so that the bench
 * measures the process people run, heap limit included.
 */
export function startNodeFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
  return pkg.scripts.start.split(/\s+/).filter((token) => token.startsWith('--'))
}

/**
 * The environment of a measured app server: production, its own port, build and database, one
 * public origin (every process of one app shares it, as behind a load balancer), and the abuse
 * limits lifted: the loads come from one address at rates no person reaches.
 */
export function appServerEnv(o: { port: number; distDir: string; databaseUrl: string; secret: string; publicOrigin: string }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(o.port),
    NEXT_DIST_DIR: o.distDir,
    DATABASE_URL: o.databaseUrl,
    NEXTAUTH_SECRET: o.secret,
    NEXTAUTH_URL: o.publicOrigin,
    APP_ORIGIN: o.publicOrigin,
    RATE_LIMIT_REPORTS_PER_MIN: '1000000000',
    RATE_LIMIT_CLASSIFY_PER_MIN: '1000000000',
    RATE_LIMIT_REPORTS_PER_PERSON: '1000000000',
    // One address stands for every school here: the open loop alone keeps up to 256 sockets.
    MAX_CONNECTIONS_PER_ADDRESS: '1000000',
  }
}

/** Runs a command to completion; throws with its output when it fails. */
export async function runCommand(cmd: string, args: string[], opts: SpawnOptions & { echo?: boolean } = {}): Promise<string> {
  const p = startProcess(cmd, args, opts)
  const code = await p.exited
  if (code !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited with ${code}\n${p.output()}`)
  return p.output()
}

/** SIGTERM to the whole group, SIGKILL after `graceMs`. */
export async function stopProcess(p: Started, graceMs = 5000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-p.pid, s)
    } catch {
      // already gone
    }
  }
  signal('SIGTERM')
  const timer = setTimeout(() => signal('SIGKILL'), graceMs)
  await p.exited
  clearTimeout(timer)
  signal('SIGKILL') // stragglers left in the group
}

export function stopAllSync() {
  for (const child of started) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
}
process.on('exit', stopAllSync)
for (const s of ['SIGINT', 'SIGTERM'] as const) {
  process.on(s, () => {
    stopAllSync()
    process.exit(130)
  })
}

export async function waitForHttp(url: string, p: Started, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null) throw new Error(`process exited before ${url} answered:\n${p.output()}`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) })
      await res.arrayBuffer()
      return
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${p.output()}`)
}

/** The first port from `from` to `to` that nothing listens on. */
export async function freePort(from: number, to = from + 99): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer().once('error', () => resolve(false))
      s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)))
    })
    if (free) return port
  }
  throw new Error(`no free port in ${from}–${to}`)
}

/**
 * Waits until each server behind `urls` (a cheap route of each) answers fast twice in a row: the
 * requests still queued when a load generator stopped (autocannon does not wait for them) are
 * worked off, so one load never eats into the next one's time.
 */
export async function settle(urls: string[]) {
  for (const url of new Set(urls)) {
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

/** pid plus all its descendants, from /proc/<pid>/task/<tid>/children. */
export function processTree(pid: number): number[] {
  const out: number[] = []
  const visit = (p: number) => {
    out.push(p)
    let tids: string[] = []
    try {
      tids = fs.readdirSync(`/proc/${p}/task`)
    } catch {
      return
    }
    for (const tid of tids) {
      let children = ''
      try {
        children = fs.readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8')
      } catch {
        continue
      }
      for (const c of children.split(' ')) if (c.trim()) visit(Number(c))
    }
  }
  visit(pid)
  return out
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) : 0
  } catch {
    return 0
  }
}

/** Samples the summed RSS of a process tree every `everyMs`; `stop()` returns the maximum in MB. */
export function sampleRss(pid: number, everyMs = 250) {
  let maxKb = 0
  let samples = 0
  const tick = () => {
    const kb = processTree(pid).reduce((s, p) => s + rssKb(p), 0)
    samples++
    if (kb > maxKb) maxKb = kb
  }
  tick()
  const timer = setInterval(tick, everyMs)
  timer.unref()
  return {
    maxMb: () => maxKb / 1024,
    samples: () => samples,
    stop() {
      clearInterval(timer)
      tick()
      return maxKb / 1024
    },
  }
}
