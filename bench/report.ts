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
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** What the stack alone gives, measured in the same run: the no-op route, the framework's own JS. */
export interface StackFloor {
  openP99: number | null
  queueP95: number | null
  formJsGzKb: number | null
}

/**
 * Target checks of issue 6 §2; null values (a phase that could not run) count as missed. A latency
 * or weight target carries, as its third element, what the stack alone measured for it in this run,
 * printed beside a miss so that it is read against the limit of the stack.
 */
export function checkTargets(
  s: Summary,
  queueCount: boolean | null,
  plansClean: boolean | null,
  queueMinimumMet: boolean | null = null,
  floor: StackFloor = { openP99: null, queueP95: null, formJsGzKb: null },
): [string, boolean, string?][] {
  const q = s.queue_p95_ms
  const le = (v: number | null, max: number) => v !== null && v <= max
  const against = (what: string, v: number | null, max: number, unit: string) =>
    v === null ? undefined : `${what}: ${fmt(v)} ${unit}${v > max ? ', over the target itself' : ''}`
  const queueFloor = against('no-op route p95, same session', floor.queueP95, 15, 'ms')
  return [
    ['ratio_floor ≥ 0.70', (s.ratio_floor ?? 0) >= 0.7],
    ['0 errors', s.errors === 0],
    ['every 201 stored', s.stored_ok === true],
    ['WAL ≤ 64 MB', le(s.wal_mb, 64)],
    ['open-loop p99 ≤ 30 ms @150/s', le(s.open_p99_ms, 30), against('no-op route p99 @150/s', floor.openP99, 30, 'ms')],
    ['queue p95 ≤ 15 ms (first)', le(q.first, 15), queueFloor],
    ['queue p95 ≤ 15 ms (filtered)', le(q.filtered, 15), queueFloor],
    ['queue p95 ≤ 15 ms (search)', le(q.search, 15), queueFloor],
    ['queue p95 ≤ 15 ms (deep)', le(q.deep, 15), queueFloor],
    ['queue: ≥ 50 timed requests per query', queueMinimumMet === true],
    ['deep ≤ 1.5 × first', q.deep !== null && q.first !== null && q.deep <= 1.5 * q.first],
    ['no exact count per page load', queueCount === false],
    ['query plans: index search, no temp B-tree', plansClean === true],
    ['/admin ≤ 60 ms', le(s.admin_page_ms, 60)],
    ['dashboard 30 days p95 ≤ 200 ms', le(s.dashboard_p95_ms.days30, 200)],
    ['dashboard rentrée p95 ≤ 400 ms', le(s.dashboard_p95_ms.rentree, 400)],
    ['classifier ≥ 20,000/s', (s.classify_per_s ?? 0) >= 20_000],
    ['form first-load JS ≤ 100 kB gzip', le(s.form_js_gz_kb, 100), against('framework + root layout (a 404 page)', floor.formJsGzKb, 100, 'kB')],
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
