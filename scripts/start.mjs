#!/usr/bin/env node
// `npm start`: applies pending migrations to the database (the embedded SQLite file, or PostgreSQL:
// db-deploy.mjs), builds when the build is missing or older than the sources, then serves the
// production app (PORT, default 3000) in this one process (or, on PostgreSQL, in WEB_CONCURRENCY
// worker processes: scripts/cluster.mjs).
import { spawnSync } from 'node:child_process'
import cluster from 'node:cluster'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { buildIsStale } from './build-sources.mjs'
import { databaseUrl } from './database-url.mjs'
import { deployMigrations } from './db-deploy.mjs'
import { databaseProviderOf } from './database-provider.mjs'
import { serveWorkers, webConcurrency } from './cluster.mjs'

const root = path.resolve(import.meta.dirname, '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const distDir = process.env.NEXT_DIST_DIR || '.next'

function run(cmd, args) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: process.env })
  if (res.status !== 0) process.exit(res.status ?? 1)
}

/** A stable secret for signing sessions, created once beside the database when none is configured. */
function ensureAuthSecret() {
  if (process.env.NEXTAUTH_SECRET) return
  const file = path.join(root, 'data', 'auth-secret')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 })
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, 'utf8').trim()
}

process.env.DATABASE_URL = databaseUrl()
const port = process.env.PORT || '3000'
process.env.NEXTAUTH_URL ||= `http://localhost:${port}`
ensureAuthSecret()

// Workers of WEB_CONCURRENCY (below) run this script again: the primary has done both already.
if (cluster.isPrimary) {
  await deployMigrations(process.env.DATABASE_URL)
  if (process.argv.includes('--rebuild') || buildIsStale(root, distDir)) run(bin('next'), ['build'])
}

// The server runs in this process (no child to forward signals to): SIGTERM drains it. With
// workers, the primary passes SIGTERM on to each and each drains.
process.env.NODE_ENV = 'production'
const serve = async () => (await import('./server.mjs')).startServer({ port: Number(port) })

// Several processes (issue 18): PostgreSQL only, SQLite is served by one process (README).
const workers = webConcurrency()
const postgres = databaseProviderOf(process.env.DATABASE_URL) === 'postgresql'
if (workers > 1 && !postgres) console.warn('WEB_CONCURRENCY ignoré : SQLite est servi par un seul processus / ignored: SQLite is served by one process.')
await (workers > 1 && postgres ? serveWorkers(workers, serve) : serve())
