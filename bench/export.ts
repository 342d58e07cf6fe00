// The queue's CSV export at scale (issue 16: "streamed: 1M rows without loading them in memory").
// Downloads the unfiltered export over HTTP with a signed-in session while sampling the server's
// RSS, counts the CSV records as they arrive (the body is never kept) and checks them against the
// tickets in the database: the header line plus one line per ticket.

import http from 'node:http'
import Database from 'better-sqlite3'
import { sampleRss } from './procs'
import { Session } from './queue'
import { fmt } from './report'

/**
 * The server's RSS may grow by this much during the export. What a streamed export holds is one page
 * of 1,000 rows (~0.5 MB of CSV) and the socket's buffers; the rest of the margin is V8's heap slack
 * (new-space semispaces, old space grown before a collection). An export that kept its rows would
 * hold ~370 MB of CSV text at 1,000,000 tickets, far beyond it (~37 MB at the quick run's 100,000:
 * there the bound tells less).
 */
export const EXPORT_RSS_GROWTH_MAX_MB = 64

export interface ExportRun {
  rows: number
  tickets: number
  bytes: number
  seconds: number
  firstByteMs: number
  rssBeforeMb: number
  rssPeakMb: number
}

export interface ExportSummary {
  export_rows: number | null
  export_s: number | null
  export_mb_per_s: number | null
  export_rss_before_mb: number | null
  export_peak_rss_mb: number | null
}

/**
 * Counts CSV records: line feeds outside quoted fields (a message may hold line breaks, quoted by
 * the CSV writer; a doubled quote inside a field toggles twice, so it needs no special case). A byte
 * scan instead of a CSV parser: the client shares 2 cores with the server it measures.
 */
export function recordCounter() {
  let inQuotes = false
  let records = 0
  return {
    push(chunk: Buffer) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]
        if (b === 0x22) inQuotes = !inQuotes
        else if (b === 0x0a && !inQuotes) records++
      }
    },
    get records() {
      return records
    },
  }
}

/** GET the export, reading it as a stream; resolves with what arrived once the body has ended. */
function download(session: Session, path: string) {
  return new Promise<{ records: number; bytes: number; firstByteMs: number; ms: number }>((resolve, reject) => {
    const t0 = performance.now()
    const req = http.get(new URL(path, session.origin), { headers: { cookie: session.cookieHeader } }, (res) => {
      const type = res.headers['content-type'] ?? ''
      if (res.statusCode !== 200 || !type.startsWith('text/csv')) {
        res.resume()
        reject(new Error(`GET ${path} answered ${res.statusCode} (${type})`))
        return
      }
      const counter = recordCounter()
      let bytes = 0
      let firstByteMs = 0
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) firstByteMs = performance.now() - t0
        bytes += chunk.length
        counter.push(chunk)
      })
      res.on('end', () => resolve({ records: counter.records, bytes, firstByteMs, ms: performance.now() - t0 }))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

/**
 * Signs in, downloads GET /api/admin/tickets/export (no filter: every ticket) while sampling the RSS
 * of the server's process tree every 100 ms, and checks the line count against the database.
 */
export async function measureExport(origin: string, account: { email: string; password: string }, serverPid: number, dbFile: string): Promise<ExportRun> {
  const session = new Session(origin)
  try {
    if (!(await session.signIn(account.email, account.password))) throw new Error('sign-in returned no session cookie')
    const sqlite = new Database(dbFile, { readonly: true })
    const tickets = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "Ticket"`).get() as { n: number }).n
    sqlite.close()
    const rss = sampleRss(serverPid, 100)
    const rssBeforeMb = rss.maxMb() // its first sample, taken as it starts
    const got = await download(session, '/api/admin/tickets/export')
    const rssPeakMb = rss.stop()
    if (got.records !== tickets + 1) throw new Error(`the export has ${got.records} lines, expected ${tickets} tickets + 1 header line`)
    return { rows: got.records - 1, tickets, bytes: got.bytes, seconds: got.ms / 1000, firstByteMs: got.firstByteMs, rssBeforeMb, rssPeakMb }
  } finally {
    session.close()
  }
}

const mbPerS = (e: ExportRun) => e.bytes / 2 ** 20 / e.seconds

export function exportSummary(e: ExportRun | null): ExportSummary {
  return {
    export_rows: e?.rows ?? null,
    export_s: e?.seconds ?? null,
    export_mb_per_s: e ? mbPerS(e) : null,
    export_rss_before_mb: e?.rssBeforeMb ?? null,
    export_peak_rss_mb: e?.rssPeakMb ?? null,
  }
}

export function exportRows(e: ExportRun | null): [string, string][] {
  return [
    [
      'queue export (CSV, no filter)',
      e
        ? `${e.rows.toLocaleString('en')} rows (= tickets) in ${fmt(e.seconds, 2)} s, ${fmt(e.bytes / 2 ** 20)} MB at ${fmt(mbPerS(e))} MB/s, first byte ${fmt(e.firstByteMs, 0)} ms; server RSS ${fmt(e.rssBeforeMb)} MB before, ${fmt(e.rssPeakMb)} MB peak (+${fmt(e.rssPeakMb - e.rssBeforeMb)} MB)`
        : 'n/a',
    ],
  ]
}

export function exportTargets(s: ExportSummary): [string, boolean][] {
  const growth = s.export_peak_rss_mb !== null && s.export_rss_before_mb !== null ? s.export_peak_rss_mb - s.export_rss_before_mb : null
  return [[`export streams: peak RSS growth ≤ ${EXPORT_RSS_GROWTH_MAX_MB} MB`, growth !== null && growth <= EXPORT_RSS_GROWTH_MAX_MB]]
}
