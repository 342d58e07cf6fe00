#!/usr/bin/env node
// `npm run db:reset`: deletes the SQLite database named by DATABASE_URL (default ./data/relais.db),
// applies every migration to a new one, then seeds it (prisma/seed.ts). Everything in it is lost, so
// with NODE_ENV=production it asks for --force.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { databaseProviderOf, databaseUrl } from './database-url.mjs'

const root = path.resolve(import.meta.dirname, '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)

function run(cmd, args) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: process.env })
  if (res.status !== 0) process.exit(res.status ?? 1)
}

process.env.DATABASE_URL = databaseUrl()
if (databaseProviderOf(process.env.DATABASE_URL) === 'postgresql') {
  // Dropping a server's database is its administrator's call: recreate it, then npm run db:deploy and db:seed.
  console.error('DATABASE_URL désigne une base PostgreSQL : recréez-la vous-même, puis npm run db:deploy et npm run db:seed.')
  process.exit(1)
}
const file = process.env.DATABASE_URL.replace(/^file:/, '')
if (file === ':memory:') {
  console.error('DATABASE_URL désigne une base en mémoire : rien à réinitialiser.')
  process.exit(1)
}
if (process.env.NODE_ENV === 'production' && !process.argv.includes('--force')) {
  console.error(`NODE_ENV=production : la base ${file} serait effacée. Relancez avec npm run db:reset -- --force si c’est voulu.`)
  process.exit(1)
}
const absolute = path.resolve(file)
// The WAL and shared-memory files belong to the database: a leftover WAL would replay old pages.
for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(absolute + suffix, { force: true })
console.log(`Base effacée : ${absolute}`)

run(bin('prisma'), ['migrate', 'deploy'])
run(bin('tsx'), ['--conditions=react-server', 'prisma/seed.ts'])
