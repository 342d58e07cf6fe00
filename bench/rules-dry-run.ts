// The dry run of a school rule over a seeded queue (issue 15 §2: at most 10 s at 1,000,000 tickets),
// and what it costs everyone else meanwhile: the longest wait of a one-row read issued every 10 ms
// during the pass (a report's write waits the same way, on the same gate).
// Usage: tsx --conditions=react-server bench/rules-dry-run.ts <seeded sqlite file>   (one JSON line per rule)
// The file is only read. bench/seed-queue.ts makes it: tsx bench/seed-queue.ts <file> 1000000

import path from 'node:path'
import type { SchoolRule } from '../lib/catalogue/school-rules'

const cases: SchoolRule[] = [
  // Matches a quarter of the seeded UNKNOWN messages ("La page charge sans fin…"): many candidates.
  { id: 'bench-phrase', kind: 'phrase', pattern: 'charge sans fin', category: 'SITE_UNAVAILABLE' },
  { id: 'bench-regex', kind: 'regex', pattern: 'ecran (?:blanc|noir)', category: 'SITE_UNAVAILABLE' },
  // Matches nothing: the pass alone.
  { id: 'bench-none', kind: 'phrase', pattern: 'zorglub quarante deux', category: 'WRONG_ADDRESS' },
]

async function main() {
  const file = process.argv[2]
  if (!file) throw new Error('usage: tsx --conditions=react-server bench/rules-dry-run.ts <seeded sqlite file>')
  process.env.DATABASE_URL = `file:${path.resolve(file)}`
  const { readRows } = await import('../lib/db')
  const { Prisma } = await import('../lib/generated/prisma/client')
  const { dryRun } = await import('../lib/rules/dry-run')
  for (const rule of cases) {
    let maxWaitMs = 0
    let probes = 0
    let running = true
    const probe = (async () => {
      while (running) {
        const t = performance.now()
        await readRows(Prisma.sql`SELECT 1 AS "one"`)
        maxWaitMs = Math.max(maxWaitMs, performance.now() - t)
        probes++
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    })()
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    const run = await dryRun(rule, [])
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    running = false
    await probe
    const line = { rule: `${rule.kind}: ${rule.pattern}`, tickets: run.scanned, seconds: +seconds.toFixed(2) }
    Object.assign(line, { cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2), wouldChange: run.changes.length, manual: run.manual.length })
    console.log(JSON.stringify({ ...line, otherReadsMaxWaitMs: +maxWaitMs.toFixed(1), probes }))
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
