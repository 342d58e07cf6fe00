// The bench's summary: the JSON contract of issue 6, the human table, the target checks, and the
// entry appended to bench/RESULTS.md.

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ExportSummary } from './export'
import { root } from './procs'

/** The JSON contract of issue 6, with the queue export's figures (issue 16, bench/export.ts). */
export interface Summary extends ExportSummary {
  submit_rps: number | null
  floor_rps: number | null
  bare_rps: number | null
  ratio_floor: number | null
  ratio_bare: number | null
  submit_p99_ms: number | null
  open_p99_ms: number | null
  errors: number | null
  stored_ok: boolean | null
  wal_mb: number | null
  queue_p95_ms: { first: number | null; filtered: number | null; search: number | null; deep: number | null }
  admin_page_ms: number | null
  /** The dashboard page (issue 16), p95: 30 days and the rentrée since 1 September. */
  dashboard_p95_ms: { days30: number | null; rentree: number | null }
  /** A report's 201 to its acknowledgement at a local SMTP server (issue 14). */
  mail_ack_ms: { p50: number | null; p99: number | null }
  classify_per_s: number | null
  form_js_gz_kb: number | null
  max_rss_mb: number | null
  // Issue 17: the framework floor (bench/floor-app, same Next version, `next start`), same run.
  /** No-op POST that parses the JSON body, closed loop, 50 connections (median of rounds). */
  noop_post_rps: number | null
  noop_post_p99_ms: number | null
  /** No-op GET, same session client as the queue queries. */
  noop_get_p95_ms: number | null
  /** First-load JS of the empty page. */
  noop_page_js_gz_kb: number | null
  /** submit_rps ÷ noop_post_rps and submit p99 ÷ no-op p99, per round, median. */
  ratio_noop: number | null
  p99_ratio_noop: number | null
  /** The same no-op POST as a Pages Router API route (how Relais serves POST /api/reports), and submit_rps ÷ it. */
  noop_pages_post_rps: number | null
  ratio_noop_pages: number | null
  /** Relais event-loop delay p99 during the closed-loop submissions (median of rounds). */
  eventloop_p99_ms: number | null
  /** Server CPU time per request during the closed loop (median of rounds): robust on a shared machine. */
  cpu_ms_per_report: number | null
  cpu_ms_per_noop_post: number | null
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** The floor app's figures that issue 17's targets are ratios of (those not in the summary). */
export interface NoopReference {
  /** The no-op POST's p99 in the open loop at the same rate. */
  openP99: number | null
  /** The empty page's p95, same session client as /admin. */
  pageP95: number | null
}

/**
 * Target checks: issue 17's ratios to the framework floor (they replace issue 6's absolute latency
 * and weight targets), plus the checks of issues 6 and 16 that are not about the floor. Null values
 * (a phase that could not run) count as missed. The third element says what the target was read
 * against.
 */
export function checkTargets(
  s: Summary,
  queueCount: boolean | null,
  plansClean: boolean | null,
  queueMinimumMet: boolean | null = null,
  noop: NoopReference = { openP99: null, pageP95: null },
): [string, boolean, string?][] {
  const q = s.queue_p95_ms
  const le = (v: number | null, max: number) => v !== null && v <= max
  const within = (v: number | null, ref: number | null, factor: number) => v !== null && ref !== null && v <= factor * ref
  const of = (what: string, v: number | null, ref: number | null, unit = 'ms') =>
    `${fmt(v)} vs ${what} ${fmt(ref)} ${unit}${v !== null && ref ? ` (×${fmt(v / ref, 2)})` : ''}`
  const queue = (name: 'first' | 'filtered' | 'search' | 'deep'): [string, boolean, string] => [
    `queue p95 ≤ 1.5 × no-op GET p95 (${name})`,
    within(q[name], s.noop_get_p95_ms, 1.5),
    of('no-op GET', q[name], s.noop_get_p95_ms),
  ]
  return [
    ['ratio_noop ≥ 0.70 (submissions ÷ no-op POST)', (s.ratio_noop ?? 0) >= 0.7, `${fmt(s.ratio_noop, 2)}`],
    ['p99_ratio_noop ≤ 2 (50 connections)', s.p99_ratio_noop !== null && s.p99_ratio_noop <= 2, `${fmt(s.p99_ratio_noop, 2)}`],
    ['0 errors', s.errors === 0],
    ['every 201 stored', s.stored_ok === true],
    ['WAL ≤ 64 MB', le(s.wal_mb, 64)],
    [`open-loop p99 ≤ 2 × no-op POST's @150/s`, within(s.open_p99_ms, noop.openP99, 2), of('no-op', s.open_p99_ms, noop.openP99)],
    queue('first'),
    queue('filtered'),
    queue('search'),
    queue('deep'),
    ['queue: ≥ 50 timed requests per query', queueMinimumMet === true],
    ['deep ≤ 1.5 × first', q.deep !== null && q.first !== null && q.deep <= 1.5 * q.first],
    ['no exact count per page load', queueCount === false],
    ['query plans: index search, no temp B-tree', plansClean === true],
    ['/admin p95 ≤ 4 × empty page p95', within(s.admin_page_ms, noop.pageP95, 4), of('empty page', s.admin_page_ms, noop.pageP95)],
    ['dashboard 30 days p95 ≤ 200 ms', le(s.dashboard_p95_ms.days30, 200)],
    ['dashboard rentrée p95 ≤ 400 ms', le(s.dashboard_p95_ms.rentree, 400)],
    ['classifier ≥ 20,000/s', (s.classify_per_s ?? 0) >= 20_000],
    [
      'form first-load JS ≤ empty page + 15 kB gzip',
      s.form_js_gz_kb !== null && s.noop_page_js_gz_kb !== null && s.form_js_gz_kb <= s.noop_page_js_gz_kb + 15,
      `${fmt(s.form_js_gz_kb)} vs ${fmt(s.noop_page_js_gz_kb)} kB (+${fmt(s.form_js_gz_kb !== null && s.noop_page_js_gz_kb !== null ? s.form_js_gz_kb - s.noop_page_js_gz_kb : null)})`,
    ],
    ['event-loop delay p99 ≤ 50 ms during submissions', le(s.eventloop_p99_ms, 50), `${fmt(s.eventloop_p99_ms)} ms`],
    ['server RSS < 400 MB', s.max_rss_mb !== null && s.max_rss_mb < 400],
  ]
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}, load avg ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`
}

export function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim()
    // bench/RESULTS.md itself (appended by an earlier run) does not change what is measured.
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/RESULTS.md'], { cwd: root }).toString().trim()
    return dirty ? `${sha} (+ uncommitted changes)` : sha
  } catch {
    return 'unknown'
  }
}

export function table(rows: [string, string][]): string {
  const w = Math.max(...rows.map(([k]) => k.length))
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')
}

export function appendResults(title: string, body: string) {
  const file = path.join(root, 'bench', 'RESULTS.md')
  const header = fs.existsSync(file) ? '' : '# Benchmark results\n\nAppended by `npm run bench` (newest last). See bench/README.md.\n'
  fs.appendFileSync(file, `${header}\n## ${title}\n\n${body}\n`)
}

export const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(digits))
