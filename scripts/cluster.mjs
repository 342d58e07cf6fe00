// `WEB_CONCURRENCY=N npm start` on PostgreSQL (issue 18): N server processes on one port with
// node:cluster (the primary accepts each connection and hands it to the next worker in turn). The
// primary has applied the migrations and built before forking (scripts/start.mjs); it serves nothing
// itself. A worker that dies is replaced; SIGTERM (or SIGINT) is passed to every worker, each drains
// its in-flight requests and mail (scripts/server.mjs), and the primary exits once all have, with 0
// when every worker did. Limits, caches and the outbox are shared through the database
// (README, "Several processes"); MAX_CONNECTIONS_PER_ADDRESS applies per worker.
import cluster from 'node:cluster'

/** The worker count asked for by WEB_CONCURRENCY; 1 (no cluster) when unset or not an integer above 1. */
export function webConcurrency(value = process.env.WEB_CONCURRENCY) {
  const count = Number(value)
  return Number.isInteger(count) && count > 1 ? count : 1
}

/** In the primary: forks `count` workers and supervises them. In a worker: runs `startWorker`. */
export async function serveWorkers(count, startWorker) {
  if (cluster.isWorker) return startWorker()
  let alive = 0
  let stopping = false
  let failed = false
  const fork = () => {
    alive++
    cluster.fork()
  }
  cluster.on('exit', (worker, code, signal) => {
    alive--
    if (!stopping) {
      console.error(`Processus ${worker.process.pid} arrêté (${signal ?? code}) : un autre le remplace.`)
      fork()
      return
    }
    failed ||= code !== 0
    if (alive === 0) process.exit(failed ? 1 : 0)
  })
  const stop = (signal) => {
    if (stopping) return
    stopping = true
    console.log(`${signal} reçu : chaque processus finit ses requêtes en cours puis s’arrête.`)
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  for (let i = 0; i < count; i++) fork()
}
