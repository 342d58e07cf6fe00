// The PostgreSQL run's output (bench/postgres.ts): one table with ONE and TWO app processes side
// by side and, for each figure, what limited it on this 2-core machine, read from the CPU each part
// used while it was measured (bench/cpu-share.ts); then the JSON object, the last line of stdout.

import type { CpuShare } from './cpu-share'
import type { ClosedResult, OpenResult } from './load'
import type { Timing } from './queue'
import { fmt, median, table } from './report'
import type { PostgresSeedResult } from './seed-queue-postgres'

export type ProcessCount = 1 | 2
export type QueueTiming = Timing & { cpu: CpuShare; requests: number }

export interface PostgresRun {
  quick: boolean
  scale: { tickets: number; seconds: number; rounds: number; queueN: number }
  settings: Record<string, string>
  build?: { rebuilt: boolean; seconds: number; builtAt: number }
  steps: { migrate?: number; setup?: number; queueCopy?: number }
  seed: PostgresSeedResult | null
  submit: {
    closed: Record<string, ClosedResult[]>
    closedCpu: Record<string, CpuShare[]>
    walSyncsPer201: Record<string, number>
    open: Record<string, OpenResult>
    openCpu: Record<string, CpuShare>
    errors: number
    stored: { answered201: number; stored: number; rows: number; ok: boolean }
  } | null
  queue: Partial<Record<ProcessCount, Record<string, QueueTiming>>>
  notes: string[]
  loadAtStart: string
  loadAtEnd?: string
  totalSeconds?: number
  maxRssMb?: number
}

const cores = (share: CpuShare) =>
  `app ${share.cores.app!.toFixed(2)}, postgres ${share.cores.postgres!.toFixed(2)}, load generator ${share.cores.loadgen!.toFixed(2)}, other processes ${share.cores.others!.toFixed(2)} cores`

/** What bounded a closed-loop load, from where the CPU went while it ran; then the CPU per request. */
function closedLimit(share: CpuShare | undefined, processes: number, result: ClosedResult | undefined): string {
  if (!share) return ''
  const perRequest = result?.rps ? `; per request app ${((share.cores.app! * 1000) / result.rps).toFixed(1)} ms CPU, postgres ${((share.cores.postgres! * 1000) / result.rps).toFixed(1)} ms` : ''
  return whatBounded(share, processes) + perRequest
}

function whatBounded(share: CpuShare, processes: number): string {
  const c = share.cores
  if (share.machine >= 1.8) {
    const taken = c.others! >= 0.5 ? `, ${c.others!.toFixed(2)} of them by other processes of this shared machine` : ''
    return `the 2 cores, full${taken}: ${cores(share)}`
  }
  if (c.app! / processes >= 0.9) return `the app process's one core (event loop): ${cores(share)}`
  return `not CPU (machine ${share.machine.toFixed(2)} of 2 cores): waits on commits and locks; ${cores(share)}`
}

/** What bounded one sequential request: the CPU each side spent per request. */
function requestLimit(t: QueueTiming | undefined): string {
  if (!t) return ''
  const per = (c: number) => (c * t.cpu.seconds * 1000) / t.requests
  const app = per(t.cpu.cores.app!)
  const db = per(t.cpu.cores.postgres!)
  const client = per(t.cpu.cores.loadgen!)
  return `${app >= db ? 'app' : 'postgres'}: per request app ${app.toFixed(1)} ms CPU, postgres ${db.toFixed(1)} ms, client ${client.toFixed(1)} ms; other processes ${t.cpu.cores.others!.toFixed(2)} cores`
}

const closedRow = (r: ClosedResult[] | undefined) => (r?.length ? `${fmt(median(r.map((x) => x.rps)), 0)}/s p99 ${fmt(median(r.map((x) => x.p99)), 0)} ms` : 'n/a')
const last = <T>(xs: T[] | undefined) => xs?.at(-1)

function figures(run: PostgresRun, n: ProcessCount) {
  const s = run.submit
  const q = run.queue[n]
  const p95 = (name: string) => q?.[name]?.p95 ?? null
  const closed = s?.closed[`relais ×${n}`] ?? []
  const share = last(s?.closedCpu[`relais ×${n}`])
  return {
    submit_rps: median(closed.map((r) => r.rps)),
    submit_p99_ms: median(closed.map((r) => r.p99)),
    floor_rps: median((s?.closed[`floor ×${n}`] ?? []).map((r) => r.rps)),
    open_p99_ms: s?.open[`relais ×${n}`]?.p99 ?? null,
    reports_per_wal_flush: s?.walSyncsPer201[`relais ×${n}`] ?? null,
    submit_cpu_cores: share ? Object.fromEntries(Object.entries(share.cores).map(([k, v]) => [k, Math.round(v * 100) / 100])) : null,
    queue_p95_ms: { first: p95('first'), filtered: p95('filtered'), search: p95('search'), deep: p95('deep') },
    admin_page_ms: p95('admin'),
    dashboard_p95_ms: { days30: p95('dashboard-30d'), rentree: p95('dashboard-rentree') },
  }
}

export function formatPostgresReport(run: PostgresRun): { text: string; json: Record<string, unknown> } {
  const s = run.submit
  const side = (label: string, cell: (n: ProcessCount) => string, limit: (n: ProcessCount) => string): [string, string][] => [
    [label, `×1 ${cell(1)}  |  ×2 ${cell(2)}`],
    ...([1, 2] as const).filter((n) => limit(n)).map((n): [string, string] => [`  limit ×${n}`, limit(n)]),
  ]
  const queueNames = ['floor', 'first', 'filtered', 'search', 'search-common', 'deep', 'admin', 'dashboard-30d', 'dashboard-rentree']
  const queueCell = (name: string) => (n: ProcessCount) => {
    const t = run.queue[n]?.[name]
    return t ? `p50 ${fmt(t.p50)} p95 ${fmt(t.p95)} ms (n=${t.n}${t.short ? `, BELOW THE 50 MINIMUM: ${t.short}` : ''})` : 'n/a'
  }
  const seed = run.seed
  const rows: [string, string][] = [
    ['mode', `PostgreSQL ${run.quick ? 'quick' : 'full'}: ${run.scale.seconds} s loads, 50 connections, ${run.scale.rounds} round(s) per load, ${run.scale.tickets.toLocaleString('en')} tickets, ${run.scale.queueN} timed requests per queue query`],
    ['build', run.build ? (run.build.rebuilt ? `next build in ${run.build.seconds.toFixed(0)} s` : 'not rebuilt (newer than every source)') : 'n/a'],
    ['cluster', `throwaway, PostgreSQL defaults but ${Object.entries(run.settings).map(([k, v]) => `${k}=${v}`).join(', ')}; fsync=on, synchronous_commit=on`],
    ['schema', `migrated by our runner (npm run db:deploy's) in ${fmt(run.steps.migrate)} s`],
    ['seed', seed ? `${seed.tickets.toLocaleString('en')} tickets in ${seed.seconds.toFixed(1)} s (${Object.entries(seed.steps).map(([k, v]) => `${k} ${v} s`).join(', ')}); template copied in ${fmt(run.steps.queueCopy)} s` : 'n/a'],
    ['spread over 2 processes', 'no proxy: autocannon splits its 50 connections over both ports (25 each); the open loop and the session client alternate'],
    ...side('closed GET /api/health', (n) => closedRow(s?.closed[`floor ×${n}`]), (n) => closedLimit(last(s?.closedCpu[`floor ×${n}`]), n, last(s?.closed[`floor ×${n}`]))),
    ...side('closed POST /api/reports', (n) => closedRow(s?.closed[`relais ×${n}`]), (n) => closedLimit(last(s?.closedCpu[`relais ×${n}`]), n, last(s?.closed[`relais ×${n}`]))),
    ...side('reports per WAL flush', (n) => fmt(s?.walSyncsPer201[`relais ×${n}`]), () => ''),
    ...side(`open POST @150/s`, (n) => { const o = s?.open[`relais ×${n}`]; return o ? `p50 ${fmt(o.p50)} p99 ${fmt(o.p99)} max ${fmt(o.max)} ms` : 'n/a' }, (n) => { const c = s?.openCpu[`relais ×${n}`]; return c ? cores(c) : '' }),
    ...side(`open GET /api/health @150/s`, (n) => { const o = s?.open[`floor ×${n}`]; return o ? `p50 ${fmt(o.p50)} p99 ${fmt(o.p99)} ms` : 'n/a' }, () => ''),
    ['submission errors', s ? String(s.errors) : 'n/a'],
    ['201s stored', s ? `${s.stored.stored}/${s.stored.answered201} (${s.stored.rows} rows)` : 'n/a'],
    ...queueNames.flatMap((name) => side(`queue ${name}`, queueCell(name), (n) => requestLimit(run.queue[n]?.[name]))),
    ['max app RSS (one process tree)', `${fmt(run.maxRssMb)} MB`],
    ['load average (1, 5, 15 min; 2 cores)', `at start ${run.loadAtStart}, at end ${run.loadAtEnd ?? 'n/a'}`],
    ['total time', `${fmt(run.totalSeconds, 0)} s`],
  ]
  const text = [table(rows), ...(run.notes.length ? ['', 'Notes:', ...run.notes] : [])].join('\n')
  const json = {
    db: 'postgresql',
    postgresql: {
      tickets: run.scale.tickets,
      settings: run.settings,
      seed_s: seed ? Math.round(seed.seconds * 10) / 10 : null,
      errors: s?.errors ?? null,
      stored_ok: s?.stored.ok ?? null,
      one: figures(run, 1),
      two: figures(run, 2),
    },
  }
  return { text, json }
}
