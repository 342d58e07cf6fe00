import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

// A throwaway PostgreSQL cluster for the test suites (issue 18): `initdb` in a temporary folder as
// the `postgres` system user (PostgreSQL refuses to run as root), a free port, `pg_ctl` start; stop
// and remove at the end. Trust authentication on 127.0.0.1 and a socket in the same folder only.
// By default fsync=off because a test cluster is thrown away anyway: durability is not what these
// suites measure, and each test file creates a database. Never use these settings for a real server;
// the bench passes its own (durable) settings.

export interface PostgresCluster {
  /** URL of a database of this cluster (default: the `postgres` maintenance database). */
  url(database?: string): string
  /** The data folder (its postmaster.pid names the server's process). */
  dataDir: string
  stop(): void
}

export interface ClusterOptions {
  /** The port to listen on (default: a free one). */
  port?: number
  /** Server settings (`-c name=value`); default the test suites' own, fsync=off included. */
  settings?: Record<string, string>
}

const testSettings = { fsync: 'off', max_connections: '300' }

/** The folder of initdb/pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin (Debian). */
export function postgresBinaries(): string | null {
  if (process.env.PG_BIN) return fs.existsSync(path.join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : null
  const base = '/usr/lib/postgresql'
  if (!fs.existsSync(base)) return null
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
  versions.sort((a, b) => Number(b) - Number(a))
  return versions[0] ? path.join(base, versions[0], 'bin') : null
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Runs a PostgreSQL binary as the `postgres` user when we are root (initdb refuses root), else as ourselves. */
function runAs(owner: { uid: number; gid: number } | null, binary: string, args: string[]): void {
  const command = owner ? 'runuser' : binary
  const fullArgs = owner ? ['-u', 'postgres', '--', binary, ...args] : args
  execFileSync(command, fullArgs, { stdio: 'pipe', cwd: os.tmpdir() })
}

function postgresOwner(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
  return { uid: id('-u'), gid: id('-g') }
}

/** Creates and starts a cluster; throws with a clear message when PostgreSQL is not installed. */
export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = postgresBinaries()
  if (!bin) {
    throw new Error(
      'PostgreSQL introuvable (initdb) : installez PostgreSQL 15+ ou indiquez PG_BIN ; RELAIS_SKIP_POSTGRES=1 saute ces tests.\n' +
        'PostgreSQL not found (initdb): install PostgreSQL 15+ or set PG_BIN; RELAIS_SKIP_POSTGRES=1 skips these tests.',
    )
  }
  const owner = postgresOwner()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-pg-'))
  if (owner) fs.chownSync(dir, owner.uid, owner.gid)
  const data = path.join(dir, 'data')
  const port = options.port ?? (await freePort())
  try {
    runAs(owner, path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions'])
    const custom = Object.entries(options.settings ?? testSettings).map(([name, value]) => `-c ${name}=${value}`)
    const settings = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...custom]
    runAs(owner, path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '120', '-o', settings.join(' '), 'start'])
  } catch (error) {
    const log = path.join(dir, 'server.log')
    const detail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : ''
    fs.rmSync(dir, { recursive: true, force: true })
    throw new Error(`Démarrage de PostgreSQL impossible / PostgreSQL did not start: ${String(error)}\n${detail}`)
  }
  return {
    url: (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    dataDir: data,
    stop: () => {
      try {
        runAs(owner, path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
