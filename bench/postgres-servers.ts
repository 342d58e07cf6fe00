// The processes of the PostgreSQL bench (bench/postgres.ts): the throwaway cluster with the bench's
// durable settings, its databases (copies of templates), the app processes, all on the ports given
// to the bench (3710–3749).

import fs from 'node:fs'
import path from 'node:path'
import { appServerEnv, freePort as freePortIn, root, sampleRss, settle as settleUrls, startNodeFlags, startProcess, waitForHttp, type Started } from './procs'
import { startPostgresCluster, type PostgresCluster } from '../tests/support/postgres-cluster'
import { onDatabase } from '../tests/support/postgres-databases'

/**
 * Durable: fsync and synchronous_commit stay on (their defaults), as a 201 promises the report is on
 * disk. Everything else is PostgreSQL 15's default but these two, stated in the table.
 */
export const clusterSettings = { shared_buffers: '512MB', max_connections: '100' }
const PORTS = { from: 3710, to: 3749 }

/** A free port among the bench's. */
export const freePort = (from: number) => freePortIn(from, PORTS.to)

export { onDatabase }

/** A copy of a template database: FILE_COPY copies its files, much faster than WAL_LOG at 1M rows. */
export async function copyDatabase(cluster: PostgresCluster, template: string, name: string): Promise<number> {
  const t0 = performance.now()
  await onDatabase(cluster.url(), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY = FILE_COPY`)
  })
  return (performance.now() - t0) / 1000
}

export interface App {
  proc: Started
  origin: string
  rss: ReturnType<typeof sampleRss>
}

/** One app process (the production entry, `npm start`'s node flags) on database `url`. */
export async function startApp(port: number, url: string, publicOrigin: string, secret: string, distDir: string): Promise<App> {
  const origin = `http://127.0.0.1:${port}`
  // Every process answers for the same public origin, as behind a load balancer.
  const env = appServerEnv({ port, distDir, databaseUrl: url, secret, publicOrigin })
  const proc = startProcess(process.execPath, [...startNodeFlags(), path.join(root, 'scripts', 'server.mjs')], { env })
  const rss = sampleRss(proc.pid)
  // A watchdog over waitForHttp's own 60 s: once, under heavy load, a start never settled and the
  // bench waited for ever; now it fails and says so.
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    waitForHttp(`${origin}/api/health`, proc),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`app process on port ${port} not answering after 120 s`)), 120_000))),
  ]).finally(() => clearTimeout(timer))
  return { proc, origin, rss }
}

/** Waits until every origin answers its health route fast again (autocannon leaves requests in flight; bench/procs.ts). */
export const settle = (origins: string[]) => settleUrls(origins.map((o) => `${o}/api/health`))

/**
 * Starts the cluster on the first free port from 3710; it is stopped by `stop()` and also when the
 * bench exits on Ctrl-C or SIGTERM (bench/procs.ts exits then): the cluster is a process of its own.
 * `postmaster`: the server's first process (postmaster.pid's first line), whose tree holds every backend.
 */
export async function startBenchCluster(): Promise<{ cluster: PostgresCluster; port: number; postmaster: number; stop: () => void }> {
  const port = await freePort(PORTS.from)
  const cluster = await startPostgresCluster({ port, settings: clusterSettings })
  let stopped = false
  const stop = () => {
    if (!stopped) cluster.stop()
    stopped = true
  }
  process.on('exit', stop)
  const postmaster = Number(fs.readFileSync(path.join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
  return { cluster, port, postmaster, stop }
}
