// Template databases for `npm run bench`, kept in bench/.tmp/cache (git-ignored) so a run does not
// pay for the same deterministic work twice:
// - the migrated empty schema (`prisma migrate deploy`), keyed by the content of prisma/migrations;
// - the queue seeded with N tickets (bench/seed-queue.ts), keyed by the migrations, the seed's own
//   code (seed-queue.ts, bodies.ts, raw-store.ts) and N.
// Every run still works on fresh copies in its own temporary directory; a template is rebuilt as
// soon as anything in its key changes, and the table says whether it was built or reused.

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { bin, root, runCommand } from './procs'

const cacheDir = path.join(root, 'bench', '.tmp', 'cache')

function hashPaths(paths: string[]): string {
  const h = crypto.createHash('sha256')
  const visit = (p: string) => {
    const stat = fs.statSync(p)
    if (stat.isDirectory()) {
      for (const c of fs.readdirSync(p).sort()) visit(path.join(p, c))
    } else {
      h.update(path.relative(root, p)).update('\0').update(fs.readFileSync(p)).update('\0')
    }
  }
  for (const p of paths) visit(path.join(root, p))
  return h.digest('hex').slice(0, 12)
}

export interface Template {
  file: string
  reused: boolean
  /** When the template was built (ms since epoch) and how long that took (s, 0 when unknown). */
  builtAt: number
  buildSeconds: number
}

/** Removes older templates of the same kind (other keys) so the cache holds one per kind. */
function prune(prefix: string, keep: string) {
  for (const f of fs.readdirSync(cacheDir)) {
    if (f.startsWith(prefix) && !f.startsWith(keep)) fs.rmSync(path.join(cacheDir, f), { force: true })
  }
}

async function cached(name: string, prefix: string, make: (file: string) => Promise<void>): Promise<Template> {
  fs.mkdirSync(cacheDir, { recursive: true })
  const file = path.join(cacheDir, name)
  const meta = `${file}.json`
  if (fs.existsSync(file) && fs.existsSync(meta)) {
    const m = JSON.parse(fs.readFileSync(meta, 'utf8')) as { builtAt: number; buildSeconds: number }
    return { file, reused: true, ...m }
  }
  prune(prefix, name)
  const partial = `${file}.partial-${process.pid}`
  const t0 = performance.now()
  try {
    await make(partial)
    for (const suffix of ['-wal', '-shm']) fs.rmSync(partial + suffix, { force: true })
    fs.renameSync(partial, file)
  } finally {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true })
  }
  const m = { builtAt: Date.now(), buildSeconds: (performance.now() - t0) / 1000 }
  fs.writeFileSync(meta, JSON.stringify(m))
  return { file, reused: false, ...m }
}

/** The schema as `prisma migrate deploy` leaves it on an empty database. */
export function migratedTemplate(): Promise<Template> {
  const key = hashPaths(['prisma/migrations', 'prisma/schema.prisma'])
  return cached(`migrated-${key}.db`, 'migrated-', async (file) => {
    await runCommand(bin('prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: `file:${file}` } })
  })
}

/** The migrated schema plus `count` seeded tickets (bench/seed-queue.ts run as its own process). */
export async function seededTemplate(migrated: Template, count: number): Promise<Template> {
  const key = hashPaths(['prisma/migrations', 'prisma/schema.prisma', 'bench/seed-queue.ts', 'bench/bodies.ts', 'bench/raw-store.ts'])
  return cached(`queue-${count}-${key}.db`, `queue-${count}-`, async (file) => {
    fs.copyFileSync(migrated.file, file)
    await runCommand(bin('tsx'), ['bench/seed-queue.ts', file, String(count)])
  })
}

/** A fresh copy of a template (the template's WAL is always checkpointed and removed). */
export function copyTemplate(t: Template, to: string) {
  fs.copyFileSync(t.file, to)
}
