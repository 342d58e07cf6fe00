// `npm run bench:mail [-- --quick]`: the time from a report's 201 to its acknowledgement reaching a
// local SMTP server (issue 14), against the production server (scripts/server.mjs, an existing build
// in NEXT_DIST_DIR, default .next) on a fresh migrated database, with its delivery worker inside.
// Reports are sent one every 1000/RATE ms (not a load test: the path of one message); prints p50/p99.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { reportBody } from './bodies'
import { percentile } from './load'
import { bin, root, runCommand, startNodeFlags, startProcess, stopProcess, waitForHttp } from './procs'

const quick = process.argv.includes('--quick')
const N = quick ? 100 : 500
const RATE = 20
const PORT = Number(process.env.BENCH_MAIL_PORT || 3199)

async function main() {
  const arrivedAt = new Map<string, number>()
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = ''
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('latin1')
      })
      stream.on('end', () => {
        const reference = /RL-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(head)?.[0]
        if (reference && !arrivedAt.has(reference)) arrivedAt.set(reference, performance.now())
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  const smtpPort = (smtp.server.address() as AddressInfo).port

  const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'relais-mail-bench-')), 'bench.db')
  const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, NODE_ENV: 'production' as const, PORT: String(PORT), NEXTAUTH_SECRET: 'bench-mail-secret', NEXTAUTH_URL: `http://localhost:${PORT}`, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, RATE_LIMIT_REPORTS_PER_MIN: '100000', RATE_LIMIT_REPORTS_PER_PERSON: '100000' }
  await runCommand(bin('prisma'), ['migrate', 'deploy'], { env })
  const server = startProcess(process.execPath, [...startNodeFlags(), path.join(root, 'scripts/server.mjs')], { env })
  try {
    await waitForHttp(`http://localhost:${PORT}/api/health`, server)
    const answeredAt = new Map<string, number>()
    for (let i = 0; i < N; i++) {
      const body = { ...reportBody(20_000_000 + i), email: `bench.${i}@example.test` }
      const res = await fetch(`http://localhost:${PORT}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      const t = performance.now()
      if (res.status !== 201) throw new Error(`report answered ${res.status}`)
      answeredAt.set(((await res.json()) as { reference: string }).reference, t)
      await new Promise((r) => setTimeout(r, 1000 / RATE))
    }
    const deadline = Date.now() + 30_000
    while ([...answeredAt.keys()].some((r) => !arrivedAt.has(r)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    const delays = [...answeredAt].filter(([r]) => arrivedAt.has(r)).map(([r, t]) => arrivedAt.get(r)! - t).sort((a, b) => a - b)
    const result = { reports: N, arrived: delays.length, p50Ms: +percentile(delays, 50).toFixed(1), p99Ms: +percentile(delays, 99).toFixed(1), maxMs: +delays.at(-1)!.toFixed(1) }
    console.log(JSON.stringify({ mailLatency: result }))
  } finally {
    await stopProcess(server)
    smtp.close()
    fs.rmSync(path.dirname(dbFile), { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
